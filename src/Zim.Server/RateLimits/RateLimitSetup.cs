namespace Zim.Server.RateLimits;

internal static class RateLimitSetup
{
    public static IServiceCollection AddZimRateLimits(this IServiceCollection services) =>
        services.AddSingleton<IRateLimiter, MemoryRateLimiter>();
}
