using Microsoft.Extensions.Options;
using Zim.Server.Faults;
using Zim.Server.RequestLog;

namespace Zim.Server.Admin;

internal static class AdminSetup
{
    public static IServiceCollection AddZimAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddSingleton<AdminToken>();
        services.AddSingleton<AdminBootstrap>();
        services.AddSingleton<AdminAuth>();
        services.AddSingleton<AppAdmin>();
        services.AddSingleton<UserAdmin>();
        return services;
    }

    /// <summary>The admin API under <c>/admin/api/</c>, behind the admin token; the ZIM path never accepts that token.</summary>
    public static IEndpointRouteBuilder MapZimAdmin(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/admin/api").AddEndpointFilter<AdminAuth>().WithTags("Admin");
        AdminEndpoints.MapApps(api.MapGroup("/apps"));
        AdminEndpoints.MapUsers(api.MapGroup("/apps/{appId}/users"));
        api.MapRequestLog();
        api.MapFaults();
        return routes;
    }
}
