using Microsoft.Extensions.Options;

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

    /// <summary>
    /// The admin API under <c>/admin/api/</c>, behind the admin token; the ZIM path never accepts that token. It
    /// also shows and sets what the request log and fault injection keep, which know nothing of it.
    /// </summary>
    public static IEndpointRouteBuilder MapZimAdmin(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/admin/api").AddEndpointFilter<AdminAuth>().WithTags("Admin");
        AdminEndpoints.MapApps(api.MapGroup("/apps"));
        AdminEndpoints.MapUsers(api.MapGroup("/apps/{appId}/users"));
        RequestLogEndpoints.MapRequestLog(api);
        FaultEndpoints.MapFaults(api);
        return routes;
    }
}
