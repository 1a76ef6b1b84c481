namespace Zim.Server.CallRate;

/// <summary>
/// One app's answered calls per second and Code, for the last <see cref="CallRateLog.MaxSeconds"/> seconds: a bucket
/// per second of the ring, emptied when its second comes round again. A bucket is a short array of (Code, count)
/// pairs, not a dictionary: a second rarely sees more than a few Codes, and an app's ring stays about 20 KB.
/// </summary>
internal sealed class SecondRing
{
    private readonly long[] seconds = new long[CallRateLog.MaxSeconds];
    private readonly (int Code, int Count)[]?[] buckets = new (int, int)[]?[CallRateLog.MaxSeconds];
    private readonly int[] used = new int[CallRateLog.MaxSeconds];

    public void Count(long second, int code)
    {
        var slot = Slot(second);
        lock (seconds)
        {
            if (seconds[slot] != second)
            {
                seconds[slot] = second;
                used[slot] = 0;
            }
            var bucket = buckets[slot] ??= new (int, int)[2];
            for (var i = 0; i < used[slot]; i++)
            {
                if (bucket[i].Code == code)
                {
                    bucket[i].Count++;
                    return;
                }
            }
            if (used[slot] == bucket.Length)
            {
                Array.Resize(ref buckets[slot], bucket.Length * 2);
                bucket = buckets[slot]!;
            }
            bucket[used[slot]++] = (code, 1);
        }
    }

    /// <summary>For each Code seen from <paramref name="start"/> on, its count in each of the <paramref name="length"/> seconds.</summary>
    public SortedDictionary<int, int[]> Read(long start, int length)
    {
        var series = new SortedDictionary<int, int[]>();
        lock (seconds)
        {
            for (var i = 0; i < length; i++)
            {
                var slot = Slot(start + i);
                if (seconds[slot] != start + i)
                {
                    continue;
                }
                for (var k = 0; k < used[slot]; k++)
                {
                    var (code, count) = buckets[slot]![k];
                    if (!series.TryGetValue(code, out var values))
                    {
                        series[code] = values = new int[length];
                    }
                    values[i] = count;
                }
            }
        }
        return series;
    }

    private static int Slot(long second) => (int)(second % CallRateLog.MaxSeconds);
}
