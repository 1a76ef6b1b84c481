using Zim.Protocol;

namespace Zim.Emulator;

/// <summary>An app the emulator serves: its id, its 32-character secret and its calls per second per action.</summary>
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
}
