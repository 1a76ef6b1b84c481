using System.Collections.Concurrent;
using Zim.Protocol;

namespace Zim.Server.Faults;

/// <summary>
/// Makes the server misbehave on purpose, per app, so that users can test their clients' retries. Settings
/// live in this instance's memory: a restart (or another instance) injects nothing.
/// </summary>
internal sealed class FaultInjector
{
    private readonly ConcurrentDictionary<uint, FaultSettings> settings = new();

    public FaultSettings Get(uint appId) => settings.GetValueOrDefault(appId, FaultSettings.None);

    public void Set(uint appId, FaultSettings value)
    {
        if (value == FaultSettings.None)
        {
            settings.TryRemove(appId, out _);
        }
        else
        {
            settings[appId] = value;
        }
    }

    /// <summary>Delays the call if chosen to; returns the code and message to answer with instead of running it, or null.</summary>
    public async Task<(int Code, string Message)?> ApplyAsync(uint appId, ZimAction action, CancellationToken cancellationToken)
    {
        if (!settings.TryGetValue(appId, out var faults))
        {
            return null;
        }
        if (faults.LatencyMs > 0 && Random.Shared.NextDouble() < faults.LatencyShare)
        {
            // Real time, not the injected clock: the delay is for a real client to feel.
            await Task.Delay(faults.LatencyMs, cancellationToken);
        }
        var draw = Random.Shared.NextDouble();
        if (draw < faults.InternalErrorShare)
        {
            return (ZimCode.InternalError, "Internal error (injected by this server's fault settings); the call changed nothing. Retry it.");
        }
        return draw < faults.InternalErrorShare + faults.RateLimitShare
            ? (action.RateLimitCode, $"Too many {action.Name} calls (injected by this server's fault settings). Retry in the next second.")
            : null;
    }
}
