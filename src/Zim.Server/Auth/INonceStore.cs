namespace Zim.Server.Auth;

/// <summary>The nonces that each app's correctly signed calls have used, kept until they expire.</summary>
internal interface INonceStore
{
    /// <summary>Records the nonce until <paramref name="expiresAt"/>; false when the app used it already.</summary>
    ValueTask<bool> TryUseAsync(uint appId, string nonce, DateTimeOffset expiresAt);

    /// <summary>Forgets a nonce that <see cref="TryUseAsync"/> recorded for a call that was then refused unchanged.</summary>
    ValueTask ReleaseAsync(uint appId, string nonce);

    /// <summary>Forgets every used nonce of every app, so that each may be used again (the emulator's reset).</summary>
    Task ClearAsync();
}
