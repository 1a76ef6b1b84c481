using Microsoft.Extensions.Options;

namespace Zim.Server.Redis;

internal static class RedisSetup
{
    /// <summary>The connection to Redis, made at start when <c>Redis:Configuration</c> is set.</summary>
    public static IServiceCollection AddZimRedis(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindChecked(RedisOptions.Section);
        services.AddSingleton<RedisConnection>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TService"/> for a feature that keeps state either way: as
    /// <typeparamref name="TRedis"/> (shared by every instance) when <c>Redis:Configuration</c> is set, else as
    /// <typeparamref name="TMemory"/> (this process only), which the Redis one falls back to while Redis is unreachable;
    /// <paramref name="around"/>, if given, wraps the chosen one.
    /// </summary>
    public static IServiceCollection AddMemoryOrRedis<TService, TMemory, TRedis>(
        this IServiceCollection services, Func<TService, IServiceProvider, TService>? around = null)
        where TService : class
        where TMemory : class, TService
        where TRedis : class, TService
    {
        services.AddSingleton<TMemory>();
        services.AddSingleton<TRedis>();
        services.AddSingleton(sp =>
        {
            TService chosen = sp.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled
                ? sp.GetRequiredService<TRedis>()
                : sp.GetRequiredService<TMemory>();
            return around is null ? chosen : around(chosen, sp);
        });
        return services;
    }
}
