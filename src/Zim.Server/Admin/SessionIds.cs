using System.Security.Cryptography;

namespace Zim.Server.Admin;

/// <summary>
/// Session ids that sort in the order they were made: 12 hex digits of a counter of milliseconds that
/// never goes back in this process, then 12 random ones. LoginTime is in whole seconds, so two logins in
/// one second are told apart, newest first, by their ids.
/// </summary>
internal static class SessionIds
{
    private static long last;

    public static string Next(DateTimeOffset now)
    {
        long stamp, seen;
        do
        {
            seen = Interlocked.Read(ref last);
            stamp = Math.Max(now.ToUnixTimeMilliseconds(), seen + 1);
        }
        while (Interlocked.CompareExchange(ref last, stamp, seen) != seen);
        return stamp.ToString("x12", System.Globalization.CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }
}
