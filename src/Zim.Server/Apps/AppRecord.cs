using System.Security.Cryptography;

namespace Zim.Server.Apps;

/// <summary>One app: its id, its signing secret, a name, and its calls per second per action (0 = unlimited).</summary>
internal sealed record AppRecord(uint AppId, string ServerSecret, string Name, int QpsLimit)
{
    /// <summary>The secret before the last rotation, still accepted until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousSecret { get; init; }

    /// <summary>Unix seconds until which <see cref="PreviousSecret"/> is accepted; 0 when there is none.</summary>
    public long PreviousSecretUntil { get; init; }

    /// <summary>Where the app's server callbacks (login/logout) go; null: none are sent.</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>What signs the app's callbacks (not the ServerSecret); null for an app stored before callbacks existed, until one is set.</summary>
    public string? CallbackSecret { get; init; }

    /// <summary>A new random secret, ServerSecret or CallbackSecret: 32 hex digits, as the vendor's console hands out.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The secrets a call may be signed with at <paramref name="now"/>: the current one first.</summary>
    public IEnumerable<string> SecretsAt(DateTimeOffset now)
    {
        yield return ServerSecret;
        if (PreviousSecret is not null && now.ToUnixTimeSeconds() < PreviousSecretUntil)
        {
            yield return PreviousSecret;
        }
    }
}
