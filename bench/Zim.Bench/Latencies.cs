namespace Zim.Bench;

/// <summary>Request latencies of one run, for percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> milliseconds = [];

    public int Count
    {
        get
        {
            lock (milliseconds)
            {
                return milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (milliseconds)
        {
            milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (milliseconds)
        {
            if (milliseconds.Count == 0)
            {
                return double.NaN;
            }
            milliseconds.Sort();
            var rank = (int)Math.Ceiling(p / 100 * milliseconds.Count) - 1;
            return milliseconds[Math.Clamp(rank, 0, milliseconds.Count - 1)];
        }
    }
}
