using Microsoft.Extensions.Options;

namespace Zim.Server.Apps;

internal static class AppsSetup
{
    public static IServiceCollection AddZimApps(this IServiceCollection services)
    {
        // The section is a top-level array, so the options object binds from the root.
        services.AddOptions<AppsOptions>().BindChecked(section: null).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AppsOptions>, AppsOptionsValidator>();
        services.AddSingleton<AppRegistry>();
        services.AddSingleton<AppBootstrap>();
        services.AddHostedService<AppRefresher>();
        return services;
    }
}
