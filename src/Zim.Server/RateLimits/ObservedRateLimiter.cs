using Zim.Protocol;

namespace Zim.Server.RateLimits;

/// <summary>Tells the observers of each call the limiter refuses (injected faults are not refusals of the limit).</summary>
internal sealed class ObservedRateLimiter(IRateLimiter inner, IRateLimitObserver[] observers) : IRateLimiter
{
    /// <summary>The limiter as every caller gets it: composed when first resolved, whatever the order of registration.</summary>
    public static IRateLimiter Around(IRateLimiter limiter, IServiceProvider services) =>
        services.GetServices<IRateLimitObserver>().ToArray() is { Length: > 0 } observers ? new ObservedRateLimiter(limiter, observers) : limiter;

    public async ValueTask<bool> TryAcquireAsync(uint appId, ZimAction action, int limitPerSecond)
    {
        var acquired = await inner.TryAcquireAsync(appId, action, limitPerSecond);
        if (!acquired)
        {
            foreach (var observer in observers)
            {
                observer.Refused(appId, action);
            }
        }
        return acquired;
    }

    public Task ClearAsync() => inner.ClearAsync();
}
