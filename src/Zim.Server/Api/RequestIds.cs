using System.Globalization;
using System.Security.Cryptography;

namespace Zim.Server.Api;

/// <summary>
/// Request ids of decimal digits, unique per request: milliseconds since 2020 (41 bits), a random
/// per-process node (10 bits) so that instances do not collide, and a sequence (12 bits).
/// </summary>
internal sealed class RequestIds(TimeProvider clock)
{
    private static readonly long Epoch = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private readonly long node = RandomNumberGenerator.GetInt32(1024);
    private long last;

    public string Next()
    {
        var now = (clock.GetUtcNow().ToUnixTimeMilliseconds() - Epoch) << 22 | node << 12;
        while (true)
        {
            var previous = Interlocked.Read(ref last);
            // Within one millisecond, count up; past 4096 the clock part runs ahead, never backwards.
            var next = now > previous ? now : NextAfter(previous);
            if (Interlocked.CompareExchange(ref last, next, previous) == previous)
            {
                return next.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private long NextAfter(long previous) =>
        (previous & 0xFFF) == 0xFFF ? ((previous >> 22) + 1) << 22 | node << 12 : previous + 1;
}
