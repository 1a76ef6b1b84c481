using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Zim.Server.Api;
using Zim.Server.Apps;

namespace Zim.Server.RequestLog;

/// <summary>The last calls of each served app, in a fixed-size ring per app (memory of this instance only).</summary>
internal sealed class CallLog(IOptions<RequestLogOptions> options, AppRegistry registry, TimeProvider clock) : ICallObserver
{
    // Read on every call by every request thread: a lock around the lookup was one of the read path's hot spots.
    private readonly ConcurrentDictionary<uint, Ring> rings = new();

    public void Observe(AnsweredCall call)
    {
        var size = options.Value.PerApp;
        // Only apps served here: an unknown AppId in a URL must not make the log grow.
        if (size == 0 || call.AppId is not { } id || registry.Find(id) is null)
        {
            return;
        }
        var ring = rings.GetOrAdd(id, static (_, size) => new Ring(size), size);
        ring.Add(seq => new LoggedCall(seq, clock.GetUtcNow(), call.Action, call.Code, Math.Round(call.Duration.TotalMilliseconds, 2),
            call.RequestId, call.BodyBytes, call.Code == 0 ? null : call.Message));
    }

    /// <summary>Newest first: at most <paramref name="limit"/> calls after <paramref name="after"/>, with <paramref name="code"/> if given.</summary>
    public IReadOnlyList<LoggedCall> Read(uint appId, int? code, long after, int limit)
    {
        return rings.GetValueOrDefault(appId)?.Newest(call => call.Seq > after && (code is null || call.Code == code), limit) ?? [];
    }

    private sealed class Ring(int size)
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
    }
}
