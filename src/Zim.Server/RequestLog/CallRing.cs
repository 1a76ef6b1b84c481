using Zim.Protocol.Admin;

namespace Zim.Server.RequestLog;

/// <summary>One app's last calls, newest replacing oldest, numbered from 1 by <see cref="LoggedCall.Seq"/>.</summary>
internal sealed class CallRing(int size)
{
    private readonly LoggedCall?[] calls = new LoggedCall?[size];
    private long next;

    public void Add(Func<long, LoggedCall> create)
    {
        lock (calls)
        {
            next++;
            calls[next % calls.Length] = create(next);
        }
    }

    public List<LoggedCall> Newest(Func<LoggedCall, bool> wanted, int limit)
    {
        var found = new List<LoggedCall>();
        lock (calls)
        {
            for (var seq = next; seq > Math.Max(0, next - calls.Length) && found.Count < limit; seq--)
            {
                if (calls[seq % calls.Length] is { } call && wanted(call))
                {
                    found.Add(call);
                }
            }
        }
        return found;
    }

    /// <summary>Empties the ring; the numbering goes on.</summary>
    public void Clear()
    {
        lock (calls)
        {
            Array.Clear(calls);
        }
    }
}
