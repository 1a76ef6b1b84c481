using System.Collections.Concurrent;
using System.Diagnostics;
using Zim.Protocol;
using Zim.Protocol.Admin;

namespace Zim.Server.Faults;

/// <summary>
/// Makes the server misbehave on purpose, per app, so that users can test their clients' retries: the next
/// calls that rules name, then random shares. Settings live in this instance's memory: a restart (or another
/// instance) injects nothing.
/// </summary>
internal sealed class FaultInjector
{
    public const string InternalErrorMessage = "Internal error (injected by this server's fault settings); the call changed nothing. Retry it.";

    private readonly ConcurrentDictionary<uint, AppFaults> apps = new();

    public static string RateLimitMessage(ZimAction action) =>
        $"Too many {action.Name} calls (injected by this server's fault settings). Retry in the next second.";

    public FaultSettings Get(uint appId) => apps.TryGetValue(appId, out var faults) ? faults.Snapshot() : FaultSettings.None;

    /// <summary>Replaces the app's settings, rules included.</summary>
    public void Set(uint appId, FaultSettings value)
    {
        if (value.IsNone)
        {
            apps.TryRemove(appId, out _);
        }
        else
        {
            apps[appId] = new AppFaults(value);
        }
    }

    /// <summary>
    /// Adds a rule after the app's others, leaving the rest as it is; the settings as they are then, or why not. A
    /// replacement at the same moment wins as if it came after.
    /// </summary>
    public (FaultSettings? Settings, string? Problem) Append(uint appId, FaultRule rule)
    {
        var faults = apps.GetOrAdd(appId, static _ => new AppFaults(FaultSettings.None));
        return faults.Append(rule) is { } problem ? (null, problem) : (faults.Snapshot(), null);
    }

    /// <summary>Turns every fault of every app off.</summary>
    public void Clear() => apps.Clear();

    /// <summary>Delays the call if chosen to; returns the code and message to answer with instead of running it, or null.</summary>
    public async Task<(int Code, string Message)?> ApplyAsync(uint appId, ZimAction action, CancellationToken cancellationToken)
    {
        if (!apps.TryGetValue(appId, out var faults))
        {
            return null;
        }
        // The rule is taken as the call arrives, so that "the next N calls" counts in arrival order.
        var rule = faults.Take(action);
        var shares = faults.Shares;
        if (shares.LatencyMs > 0 && Random.Shared.NextDouble() < shares.LatencyShare)
        {
            // Real time, not the injected clock: the delay is for a real client to feel. At least LatencyMs: a timer may
            // fire a little early by the stopwatch, so the rest, if any, is waited again.
            var started = Stopwatch.GetTimestamp();
            var wanted = TimeSpan.FromMilliseconds(shares.LatencyMs);
            for (var left = wanted; left > TimeSpan.Zero; left = wanted - Stopwatch.GetElapsedTime(started))
            {
                await Task.Delay(left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left, cancellationToken);
            }
        }
        if (rule is not null)
        {
            return (rule.Code, rule.Message ?? MessageFor(rule.Code, action));
        }
        var draw = Random.Shared.NextDouble();
        if (draw < shares.InternalErrorShare)
        {
            return (ZimCode.InternalError, InternalErrorMessage);
        }
        return draw < shares.InternalErrorShare + shares.RateLimitShare ? (action.RateLimitCode, RateLimitMessage(action)) : null;
    }

    private static string MessageFor(int code, ZimAction action) =>
        code == ZimCode.InternalError ? InternalErrorMessage
            : code == action.RateLimitCode ? RateLimitMessage(action)
            : $"Injected by this server's fault settings (code {code}).";
}
