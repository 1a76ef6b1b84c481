using Zim.Protocol;

namespace Zim.Emulator;

/// <summary>An app the emulator serves: its id, its 32-character secret, its calls per second per action, and where its callbacks go.</summary>
/// <param name="AppId">The AppId: a uint32 other than 0.</param>
/// <param name="ServerSecret">The secret that signs its calls: exactly 32 characters.</param>
public sealed record ZimEmulatorApp(uint AppId, string ServerSecret)
{
    /// <summary>The well-known development app (<see cref="ZimDevelopment"/>), served when no app is given.</summary>
    public static ZimEmulatorApp Development { get; } = new(ZimDevelopment.AppId, ZimDevelopment.ServerSecret);

    /// <summary>Calls per second per action, as on the real service (20 by default); 0 = unlimited.</summary>
    public int QpsLimit { get; init; } = ZimLimits.DefaultQpsLimit;

    /// <summary>A name for the server's log; <c>app AppId</c> when null.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Where the app's login/logout callbacks go (a <see cref="ZimCallbackReceiver"/>'s <see cref="ZimCallbackReceiver.Url"/>,
    /// or a test server of the caller's); null: none are sent.
    /// </summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>What signs the callbacks: the well-known development CallbackSecret by default (what a receiver started without one checks).</summary>
    public string CallbackSecret { get; init; } = ZimDevelopment.CallbackSecret;
}
