using Zim.Server.Auth;
using Zim.Server.RateLimits;

namespace Zim.Server.Shared;

internal static class SharedSetup
{
    /// <summary>
    /// Rate-limit windows and used nonces: in Redis when <c>Redis:Configuration</c> is set (shared by
    /// every instance), in process memory otherwise.
    /// </summary>
    public static IServiceCollection AddZimSharedState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        services.AddSingleton<SharedState>();
        services.AddSingleton<MemoryRateLimiter>();
        services.AddSingleton<MemoryNonceStore>();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            services.AddSingleton<IRateLimiter, RedisRateLimiter>();
            services.AddSingleton<INonceStore, RedisNonceStore>();
        }
        else
        {
            services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<MemoryRateLimiter>());
            services.AddSingleton<INonceStore>(sp => sp.GetRequiredService<MemoryNonceStore>());
        }
        services.AddSingleton<Authenticator>();
        return services;
    }
}
