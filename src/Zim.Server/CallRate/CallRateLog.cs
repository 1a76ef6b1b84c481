using System.Collections.Concurrent;
using System.Globalization;
using Zim.Protocol.Admin;
using Zim.Server.Api;
using Zim.Server.Apps;

namespace Zim.Server.CallRate;

/// <summary>
/// Each served app's answered calls per second by Code over the last ten minutes, for the console's chart (memory of
/// this instance only, like the request log).
/// </summary>
internal sealed class CallRateLog(AppRegistry registry, TimeProvider clock) : ICallObserver
{
    public const int MaxSeconds = 600;

    private readonly ConcurrentDictionary<uint, SecondRing> rings = new();

    public void Observe(AnsweredCall call)
    {
        // Only apps served here: an unknown AppId in a URL must not make it grow.
        if (call.AppId is not { } id || registry.Find(id) is null)
        {
            return;
        }
        rings.GetOrAdd(id, static _ => new SecondRing()).Count(clock.GetUtcNow().ToUnixTimeSeconds(), call.Code);
    }

    /// <summary>The last <paramref name="seconds"/> seconds, the current one last (still counting), oldest first.</summary>
    public CallsPerSecond Read(uint appId, int seconds)
    {
        var start = clock.GetUtcNow().ToUnixTimeSeconds() - seconds + 1;
        var series = rings.GetValueOrDefault(appId)?.Read(start, seconds) ?? [];
        return new CallsPerSecond(start, seconds,
            series.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value));
    }

    /// <summary>Forgets one app's calls (the app was deleted).</summary>
    public void Clear(uint appId) => rings.TryRemove(appId, out _);

    /// <summary>Forgets every app's calls (reset).</summary>
    public void Clear() => rings.Clear();
}
