namespace Zim.Server.Auth;

internal static class AuthSetup
{
    public static IServiceCollection AddZimAuth(this IServiceCollection services)
    {
        services.AddSingleton<INonceStore, MemoryNonceStore>();
        services.AddSingleton<Authenticator>();
        return services;
    }
}
