using Microsoft.AspNetCore.Http.HttpResults;
using Zim.Server.Apps;
using Zim.Server.Faults;

namespace Zim.Server.Admin;

/// <summary><c>GET|PUT|DELETE /admin/api/apps/{appId}/faults</c>: read, replace or clear an app's fault settings.</summary>
internal static class FaultEndpoints
{
    public static void MapFaults(RouteGroupBuilder api)
    {
        api.MapGet("/apps/{appId}/faults", Results<Ok<FaultSettings>, NotFound<AdminError>> (uint appId, FaultInjector faults, AppRegistry registry) =>
            registry.Find(appId) is null ? AdminResults.NoApp(appId) : TypedResults.Ok(faults.Get(appId)))
            .WithSummary("The app's fault settings");
        api.MapPut("/apps/{appId}/faults", async (uint appId, HttpRequest request, FaultInjector faults, AppRegistry registry, CancellationToken ct) =>
            AdminResults.Answer(await AdminBody.ReadAsync(request, AdminJson.Default.FaultSettings,
                settings => Task.FromResult(Replace(appId, settings, faults, registry)), ct), TypedResults.Ok))
            .WithSummary("Replace the app's fault settings").Accepts<FaultSettings>("application/json");
        api.MapDelete("/apps/{appId}/faults", Results<NoContent, NotFound<AdminError>> (uint appId, FaultInjector faults, AppRegistry registry) =>
        {
            faults.Set(appId, FaultSettings.None);
            return registry.Find(appId) is null ? AdminResults.NoApp(appId) : TypedResults.NoContent();
        }).WithSummary("Turn every fault of the app off");
    }

    private static AdminOutcome<FaultSettings> Replace(uint appId, FaultSettings settings, FaultInjector faults, AppRegistry registry)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        if (settings.Problem() is { } problem)
        {
            return AdminRefusal.Invalid(problem);
        }
        faults.Set(appId, settings);
        return settings;
    }
}
