using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zim.Protocol.Callbacks;

/// <summary>
/// The signature of a server callback: lower-case hex SHA-1 of the CallbackSecret, the timestamp in decimal and
/// the nonce, concatenated after sorting the three in ascending byte order (a string sort, not a numeric one).
/// Not the MD5 scheme that signs API requests.
/// </summary>
public static class CallbackSignature
{
    /// <summary>The signature of a callback sent at <paramref name="timestamp"/> with <paramref name="nonce"/>.</summary>
    public static string Compute(string callbackSecret, long timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(callbackSecret);
        ArgumentNullException.ThrowIfNull(nonce);
        string[] parts = [callbackSecret, timestamp.ToString(CultureInfo.InvariantCulture), nonce];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>True when <paramref name="given"/> is the signature of these values (either hex case), in constant time.</summary>
    public static bool Verify(string callbackSecret, long timestamp, string nonce, string? given)
    {
        var expected = Encoding.ASCII.GetBytes(Compute(callbackSecret, timestamp, nonce));
        var actual = Encoding.UTF8.GetBytes((given ?? "").ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
