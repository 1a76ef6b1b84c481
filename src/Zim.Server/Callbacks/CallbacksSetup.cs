using Microsoft.Extensions.Options;

namespace Zim.Server.Callbacks;

internal static class CallbacksSetup
{
    /// <summary>Delivery of server callbacks (login/logout), in the background, with the vendor's retries.</summary>
    public static IServiceCollection AddZimCallbacks(this IServiceCollection services)
    {
        services.AddOptions<CallbackOptions>().BindChecked(CallbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallbackLog>();
        services.AddSingleton<SessionCallbacks>();
        services.AddSingleton(sp => new CallbackSender(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(3) },
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<CallbackOptions>>(),
            sp.GetRequiredService<CallbackLog>(), sp.GetRequiredService<ILogger<CallbackSender>>()));
        return services;
    }
}
