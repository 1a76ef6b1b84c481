using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Zim.Server.Storage;

namespace Zim.Server.Secrets;

/// <summary>
/// Seals an app's secret for the database with AES-GCM: <c>v1:</c> and the base64 of nonce, ciphertext
/// and tag, with the AppId as associated data, so that a sealed secret copied to another app's row does
/// not open. The server needs the secret itself to check MD5 signatures, so it cannot keep a hash instead.
/// </summary>
internal sealed class SecretCipher(SecretKeyring keys) : ISecretSeal
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Secrets are 32 characters and a sealed one is longer, so a clear secret that happens to start with
    // the prefix is still read as clear.
    private const int ClearLength = 32;

    /// <summary>True when <paramref name="stored"/> is sealed, false when it is clear text from before sealing.</summary>
    public static bool IsSealed(string stored) => stored.Length != ClearLength && stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(uint appId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var box = new byte[NonceSize + plain.Length + TagSize];
        var nonce = box.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.Current, TagSize);
        aes.Encrypt(nonce, plain, box.AsSpan(NonceSize, plain.Length), box.AsSpan(NonceSize + plain.Length), AssociatedData(appId));
        return Prefix + Convert.ToBase64String(box);
    }

    /// <summary>The secret in <paramref name="stored"/>: opened, or as it is when it is clear text from before sealing.</summary>
    public string Open(uint appId, string stored) =>
        !IsSealed(stored) ? stored
            : TryOpen(keys.Current, appId, stored) ?? (keys.Previous is { } previous ? TryOpen(previous, appId, stored) : null)
                ?? throw WrongKey(appId);

    /// <summary>True when <paramref name="stored"/> is sealed with the current key (not clear, not the previous key's).</summary>
    public bool IsSealedWithCurrentKey(uint appId, string stored) => IsSealed(stored) && TryOpen(keys.Current, appId, stored) is not null;

    public static StartupRefusal WrongKey(uint appId) => new(
        $"The stored secret of app {appId} cannot be decrypted with this server's key. Every instance sharing the database must use the same " +
        "Secrets__Key (or Secrets__KeyFile); to change the key, start once with the old one as Secrets__PreviousKey.");

    private static string? TryOpen(byte[] key, uint appId, string stored)
    {
        byte[] box;
        try
        {
            box = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (box.Length < NonceSize + TagSize)
        {
            return null;
        }
        var plain = new byte[box.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(box.AsSpan(0, NonceSize), box.AsSpan(NonceSize, plain.Length), box.AsSpan(NonceSize + plain.Length), plain, AssociatedData(appId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] AssociatedData(uint appId)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(data, appId);
        return data;
    }
}
