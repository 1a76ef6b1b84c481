namespace Zim.Server.CallRate;

/// <summary>
/// One app's answered calls per second and Code, for the last <see cref="CallRateLog.MaxSeconds"/> seconds: a bucket
/// per second of the ring, emptied when its second comes round again.
/// </summary>
internal sealed class SecondRing
{
    private readonly long[] seconds = new long[CallRateLog.MaxSeconds];
    private readonly Dictionary<int, int>[] counts = [.. Enumerable.Range(0, CallRateLog.MaxSeconds).Select(_ => new Dictionary<int, int>())];

    public void Count(long second, int code)
    {
        var slot = Slot(second);
        lock (seconds)
        {
            if (seconds[slot] != second)
            {
                seconds[slot] = second;
                counts[slot].Clear();
            }
            counts[slot][code] = counts[slot].GetValueOrDefault(code) + 1;
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
                foreach (var (code, count) in counts[slot])
                {
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
