using System.Security.Cryptography;
using System.Text;

namespace Zim.Server.Admin;

/// <summary>
/// The admin token, held as its SHA-256 only. Comparing hashes in constant time keeps both the token's
/// content and its length from leaking through timing.
/// </summary>
internal sealed class AdminToken
{
    private byte[]? expectedHash;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Set(string hashHex) => expectedHash = Convert.FromHexString(hashHex);

    public bool Matches(string presented) =>
        expectedHash is { } expected
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected);
}
