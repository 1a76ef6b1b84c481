namespace Zim.Server.Storage;

/// <summary>
/// Seals a secret before a store writes it and opens it after a store reads it. Defined here, beside the
/// stores that use it, and implemented by Secrets/ (<c>SecretCipher</c>): Secrets depends on Storage, not back.
/// </summary>
internal interface ISecretSeal
{
    /// <summary>The text to store for <paramref name="secret"/> of app <paramref name="appId"/>.</summary>
    string Seal(uint appId, string secret);

    /// <summary>The secret that <paramref name="stored"/> holds (sealed, or clear text from before sealing).</summary>
    string Open(uint appId, string stored);
}
