using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Zim.Server.Admin;

internal static class AdminSetup
{
    private const string ApiPath = "/admin/api";

    public static IServiceCollection AddZimAdmin(this IServiceCollection services)
    {
        // Typed results are written with the minimal APIs' JSON options (and the OpenAPI schemas drawn from them):
        // give them the admin API's source-generated context, its names as declared (PascalCase, as the CLI and
        // the console read them) and numbers as numbers (bodies are read with AdminJson's own strict options).
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = null;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, AdminJson.Default);
        });
        services.AddOptions<AdminOptions>().BindChecked(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddSingleton<AdminToken>();
        services.AddSingleton<AdminBootstrap>();
        services.AddSingleton<AdminAuth>();
        services.AddSingleton<AppAdmin>();
        services.AddSingleton<UserAdmin>();
        services.AddSingleton<SessionAdmin>();
        services.AddSingleton<RelationAdmin>();
        services.AddSingleton<EmulatorReset>();
        return services;
    }

    /// <summary>
    /// The admin API under <c>/admin/api/</c>, behind the admin token; the ZIM path never accepts that token. It
    /// also shows and sets what the request log and fault injection keep, which know nothing of it. A call that
    /// throws is answered by <see cref="AdminErrors"/>.
    /// </summary>
    public static WebApplication MapZimAdmin(this WebApplication app)
    {
        app.UseAdminErrors(ApiPath);
        var api = app.MapGroup(ApiPath).AddEndpointFilter<AdminAuth>().WithTags("Admin");
        AdminEndpoints.MapApps(api.MapGroup("/apps"));
        AdminEndpoints.MapUsers(api.MapGroup("/apps/{appId}/users"));
        UserSeedEndpoint.Map(api.MapGroup("/apps/{appId}/users"));
        SessionEndpoints.Map(api.MapGroup("/apps/{appId}/sessions"));
        CallbackEndpoints.Map(api.MapGroup("/apps/{appId}/callbacks"));
        RelationEndpoints.Map(api.MapGroup("/apps/{appId}/users/{userId}"));
        RelationExport.Map(api.MapGroup("/apps/{appId}/relations"));
        RequestLogEndpoints.MapRequestLog(api);
        CallRateEndpoints.MapCallRate(api);
        FaultEndpoints.MapFaults(api);
        EmulatorReset.Map(api);
        return app;
    }
}
