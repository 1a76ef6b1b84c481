using Zim.Protocol;
using Zim.Server.RateLimits;

namespace Zim.Server.Metrics;

/// <summary>Counts the calls that the rate limiter refuses (injected faults are not counted: they are not the limit).</summary>
internal sealed class CountedRateLimiter(IRateLimiter inner, ZimMetrics metrics) : IRateLimiter
{
    public async ValueTask<bool> TryAcquireAsync(uint appId, ZimAction action, int limitPerSecond)
    {
        var acquired = await inner.TryAcquireAsync(appId, action, limitPerSecond);
        if (!acquired)
        {
            metrics.RateLimited(action.Name);
        }
        return acquired;
    }
}
