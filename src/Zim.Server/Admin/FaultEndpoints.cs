using Zim.Server.Apps;
using Zim.Server.Faults;

namespace Zim.Server.Admin;

/// <summary><c>GET|PUT|DELETE /admin/api/apps/{appId}/faults</c>: read, replace or clear an app's fault settings.</summary>
internal static class FaultEndpoints
{
    public static void MapFaults(RouteGroupBuilder api)
    {
        api.MapGet("/apps/{appId}/faults", (uint appId, FaultInjector faults, AppRegistry registry) =>
            registry.Find(appId) is null ? AdminResults.NoApp(appId) : Results.Json(faults.Get(appId), AdminJson.Default.FaultSettings))
            .WithSummary("The app's fault settings").Produces<FaultSettings>();
        api.MapPut("/apps/{appId}/faults", async (uint appId, HttpRequest request, FaultInjector faults, AppRegistry registry, CancellationToken ct) =>
        {
            if (registry.Find(appId) is null)
            {
                return AdminResults.NoApp(appId);
            }
            var (settings, problem) = await AdminResults.ReadAsync(request, AdminJson.Default.FaultSettings, ct);
            if (problem is not null)
            {
                return problem;
            }
            if (settings!.Problem() is { } invalid)
            {
                return AdminResults.Error(StatusCodes.Status400BadRequest, invalid);
            }
            faults.Set(appId, settings);
            return Results.Json(settings, AdminJson.Default.FaultSettings);
        }).WithSummary("Replace the app's fault settings").Accepts<FaultSettings>("application/json").Produces<FaultSettings>();
        api.MapDelete("/apps/{appId}/faults", (uint appId, FaultInjector faults, AppRegistry registry) =>
        {
            faults.Set(appId, FaultSettings.None);
            return registry.Find(appId) is null ? AdminResults.NoApp(appId) : Results.NoContent();
        }).WithSummary("Turn every fault of the app off").Produces(StatusCodes.Status204NoContent);
    }
}
