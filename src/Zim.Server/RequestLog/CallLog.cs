using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Zim.Protocol.Admin;
using Zim.Server.Api;
using Zim.Server.Apps;

namespace Zim.Server.RequestLog;

/// <summary>The last calls of each served app, in a fixed-size ring per app (memory of this instance only).</summary>
internal sealed class CallLog(IOptions<RequestLogOptions> options, AppRegistry registry, TimeProvider clock) : ICallObserver
{
    // Read on every call by every request thread: a lock around the lookup was one of the read path's hot spots.
    private readonly ConcurrentDictionary<uint, CallRing> rings = new();

    /// <summary>One byte more than is kept, to tell a body that fits from one that is cut.</summary>
    public int BodyBytesWanted => options.Value.Bodies && options.Value.PerApp > 0 ? options.Value.MaxBodyBytes + 1 : 0;

    public void Observe(AnsweredCall call)
    {
        var size = options.Value.PerApp;
        // Only apps served here: an unknown AppId in a URL must not make the log grow.
        if (size == 0 || call.AppId is not { } id || registry.Find(id) is null)
        {
            return;
        }
        (string? body, bool truncated) = call.Body is { } bytes ? BodyText.Of(bytes.Span, options.Value.MaxBodyBytes) : (null, false);
        var ring = rings.GetOrAdd(id, static (_, size) => new CallRing(size), size);
        ring.Add(seq => new LoggedCall(seq, clock.GetUtcNow(), call.Action, call.Code, Math.Round(call.Duration.TotalMilliseconds, 2),
            call.RequestId, call.BodyBytes, call.Code == 0 ? null : call.Message, body, truncated));
    }

    /// <summary>Newest first: at most <paramref name="limit"/> calls after <paramref name="after"/>, with <paramref name="code"/> if given.</summary>
    public IReadOnlyList<LoggedCall> Read(uint appId, int? code, long after, int limit) =>
        rings.GetValueOrDefault(appId)?.Newest(call => call.Seq > after && (code is null || call.Code == code), limit) ?? [];

    /// <summary>Forgets every call of every app; Seq goes on counting, so that a watcher's <c>after=</c> still works.</summary>
    public void Clear()
    {
        foreach (var ring in rings.Values)
        {
            ring.Clear();
        }
    }
}
