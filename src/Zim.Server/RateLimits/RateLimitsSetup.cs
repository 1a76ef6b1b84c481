using Zim.Server.Redis;

namespace Zim.Server.RateLimits;

internal static class RateLimitsSetup
{
    /// <summary>
    /// Each app's calls per second and action, counted in Redis when it is configured, else in memory; every
    /// <see cref="IRateLimitObserver"/> is told of the refusals, whenever it is registered.
    /// </summary>
    public static IServiceCollection AddZimRateLimits(this IServiceCollection services) =>
        services.AddMemoryOrRedis<IRateLimiter, MemoryRateLimiter, RedisRateLimiter>(ObservedRateLimiter.Around);
}
