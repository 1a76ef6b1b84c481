using Zim.Server.Redis;

namespace Zim.Server.Auth;

internal static class AuthSetup
{
    /// <summary>The contract's signature checks; the used nonces in Redis when it is configured, else in memory.</summary>
    public static IServiceCollection AddZimAuth(this IServiceCollection services) =>
        services.AddMemoryOrRedis<INonceStore, MemoryNonceStore, RedisNonceStore>().AddSingleton<Authenticator>();
}
