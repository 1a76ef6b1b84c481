using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zim.Protocol;

/// <summary>
/// The signature of the ZIM Server API (version 2.0): lower-case hex MD5 of
/// <c>AppId + SignatureNonce + ServerSecret + Timestamp</c>, plain UTF-8 concatenation.
/// </summary>
public static class ZimSignature
{
    private const int HexLength = 32;

    /// <summary>Computes the signature of one request.</summary>
    public static string Compute(uint appId, string nonce, string serverSecret, long timestamp)
    {
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        Hash(string.Create(CultureInfo.InvariantCulture, $"{appId}{nonce}{serverSecret}{timestamp}"), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// True when <paramref name="given"/> is the signature of these values, in either hex case.
    /// Runs in time independent of where the two differ.
    /// </summary>
    public static bool Verify(uint appId, string nonce, string serverSecret, long timestamp, string given) =>
        VerifyText(string.Create(CultureInfo.InvariantCulture, $"{appId}{nonce}{serverSecret}{timestamp}"), given);

    /// <summary>
    /// True when <paramref name="given"/> is the MD5 of <paramref name="signed"/>, the concatenated text,
    /// in either hex case; in time independent of where they differ.
    /// </summary>
    public static bool VerifyText(string signed, string given)
    {
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        Hash(signed, hash);
        Span<byte> expected = stackalloc byte[HexLength];
        Convert.TryToHexStringLower(hash, expected, out _);

        Span<byte> actual = stackalloc byte[HexLength];
        var sameLength = given.Length == HexLength;
        for (var i = 0; i < HexLength; i++)
        {
            var c = sameLength ? given[i] : '\0';
            // ASCII upper to lower; anything outside ASCII becomes a byte no hex digit has, so that
            // (for example) U+0130 cannot pass for '0' by its low byte.
            actual[i] = c > 0x7F ? (byte)0xFF : (byte)(c is >= 'A' and <= 'F' ? c | 0x20 : c);
        }
        return CryptographicOperations.FixedTimeEquals(expected, actual) && sameLength;
    }

    /// <summary>A fresh random nonce: 16 lower-case hex characters, as in the vendor's samples.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// The common query parameters of one signed call, starting with <c>Action=</c>, without a leading '?'.
    /// </summary>
    public static string QueryString(string action, uint appId, string serverSecret, long timestamp, string nonce)
    {
        var signature = Compute(appId, nonce, serverSecret, timestamp);
        return string.Create(CultureInfo.InvariantCulture,
            $"Action={Uri.EscapeDataString(action)}&AppId={appId}&SignatureNonce={Uri.EscapeDataString(nonce)}" +
            $"&Timestamp={timestamp}&Signature={signature}&SignatureVersion={ZimLimits.SignatureVersion}");
    }

    private static void Hash(string text, Span<byte> destination)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = max <= 512 ? null : ArrayPool<byte>.Shared.Rent(max);
        Span<byte> buffer = rented ?? stackalloc byte[512];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        MD5.HashData(buffer[..length], destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
