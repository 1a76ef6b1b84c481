using Zim.Protocol.Tokens;

namespace Zim.Client.Tokens;

/// <summary>
/// ZIM login tokens, version 04 with AES-GCM, as the vendor's published server assistant makes them (the layout
/// and the verifier are <see cref="Token04"/> in Zim.Protocol).
/// </summary>
public static class ZimToken
{
    /// <summary>The version prefix of the token.</summary>
    public const string Version04 = Token04Frame.Version;

    /// <summary>The mode byte that closes a token: AES/GCM (0, AES/CBC, is deprecated by the vendor).</summary>
    public const byte AesGcmMode = Token04Frame.GcmMode;

    /// <summary>
    /// Makes a Token04 for <paramref name="userId"/> valid for <paramref name="lifetime"/> from now.
    /// <paramref name="payload"/> is the vendor's optional extension (empty for a plain login token).
    /// </summary>
    public static string Generate04(uint appId, string serverSecret, string userId, TimeSpan lifetime, string payload = "", TimeProvider? clock = null) =>
        Token04.Generate(appId, serverSecret, userId, lifetime, payload, clock ?? TimeProvider.System);
}
