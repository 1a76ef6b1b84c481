using System.Buffers.Binary;

namespace Zim.Protocol.Tokens;

/// <summary>The two ways a Token04's bytes are laid out; a verifier accepts both.</summary>
public enum Token04Layout
{
    /// <summary>AES-256-GCM, 12-byte nonce, the ciphertext followed by its 16-byte tag, closed by the mode byte 1 (current).</summary>
    AesGcm,

    /// <summary>AES-256-CBC, 16-byte IV, PKCS#7 padding, nothing after the ciphertext (older generators).</summary>
    AesCbc,
}

/// <summary>
/// A Token04 without its encryption: <c>"04" + base64(int64 BE expire · uint16 BE IV length · IV · uint16 BE n ·
/// n bytes of ciphertext · [mode byte 1 for GCM])</c>. The one definition of the layout, read by the verifier
/// and written by the generator.
/// </summary>
/// <param name="Expire">The expiry in the header, Unix seconds (the plaintext repeats it).</param>
/// <param name="Iv">The GCM nonce (12 bytes) or the CBC IV (16 bytes).</param>
/// <param name="Ciphertext">The encrypted plaintext; for GCM followed by its 16-byte tag.</param>
/// <param name="Layout">Which of the two layouts.</param>
public sealed record Token04Frame(long Expire, byte[] Iv, byte[] Ciphertext, Token04Layout Layout)
{
    /// <summary>The version prefix of every Token04.</summary>
    public const string Version = "04";

    /// <summary>The byte that closes a GCM token.</summary>
    public const byte GcmMode = 1;

    /// <summary>The length of a GCM nonce.</summary>
    public const int GcmNonceBytes = 12;

    /// <summary>The length of a GCM tag.</summary>
    public const int GcmTagBytes = 16;

    /// <summary>The length of a CBC IV (and of an AES block).</summary>
    public const int CbcIvBytes = 16;

    /// <summary>The token's text.</summary>
    public override string ToString()
    {
        var gcm = Layout == Token04Layout.AesGcm;
        var bytes = new byte[8 + 2 + Iv.Length + 2 + Ciphertext.Length + (gcm ? 1 : 0)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span, Expire);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], checked((ushort)Iv.Length));
        Iv.CopyTo(span[10..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(10 + Iv.Length)..], checked((ushort)Ciphertext.Length));
        Ciphertext.CopyTo(span[(12 + Iv.Length)..]);
        if (gcm)
        {
            span[^1] = GcmMode;
        }
        return Version + Convert.ToBase64String(bytes);
    }

    /// <summary>Reads a token's frame; null with <paramref name="problem"/> saying why when it is not one.</summary>
    public static Token04Frame? TryRead(string? token, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Version, StringComparison.Ordinal))
        {
            problem = "The token does not start with the version 04.";
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(token[Version.Length..]);
        }
        catch (FormatException)
        {
            problem = "The token after its version is not base64.";
            return null;
        }
        var span = bytes.AsSpan();
        if (span.Length < 12)
        {
            problem = "The token is too short to hold its header.";
            return null;
        }
        var expire = BinaryPrimitives.ReadInt64BigEndian(span);
        int ivLength = BinaryPrimitives.ReadUInt16BigEndian(span[8..]);
        if (span.Length < 12 + ivLength)
        {
            problem = "The token ends inside its IV.";
            return null;
        }
        var iv = span.Slice(10, ivLength).ToArray();
        int cipherLength = BinaryPrimitives.ReadUInt16BigEndian(span[(10 + ivLength)..]);
        var rest = span[(12 + ivLength)..];
        if (rest.Length < cipherLength)
        {
            problem = "The token ends inside its ciphertext.";
            return null;
        }
        var cipher = rest[..cipherLength].ToArray();
        var tail = rest[cipherLength..];
        // What follows the ciphertext tells the layouts apart: the mode byte 1 for GCM, nothing for CBC.
        if (tail.Length == 1 && tail[0] == GcmMode && ivLength == GcmNonceBytes && cipherLength >= GcmTagBytes)
        {
            return new Token04Frame(expire, iv, cipher, Token04Layout.AesGcm);
        }
        if (tail.Length == 0 && ivLength == CbcIvBytes && cipherLength > 0 && cipherLength % CbcIvBytes == 0)
        {
            return new Token04Frame(expire, iv, cipher, Token04Layout.AesCbc);
        }
        problem = tail.Length switch
        {
            0 => $"The token has no mode byte, yet is not a CBC token (IV of {ivLength} bytes, {cipherLength} bytes of ciphertext).",
            1 => $"The token's mode byte is {tail[0]} with an IV of {ivLength} bytes; a GCM token ends with 1 after a 12-byte nonce.",
            _ => $"The token has {tail.Length} bytes after its ciphertext.",
        };
        return null;
    }
}
