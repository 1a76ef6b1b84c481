using Microsoft.AspNetCore.Http.HttpResults;
using Zim.Protocol.Admin;
using Zim.Server.Apps;
using Zim.Server.Faults;

namespace Zim.Server.Admin;

/// <summary>
/// <c>GET|PUT|DELETE /admin/api/apps/{appId}/faults</c>: read, replace or clear an app's fault settings;
/// <c>POST .../faults/next</c>: add one rule after the others.
/// </summary>
internal static class FaultEndpoints
{
    public static void MapFaults(RouteGroupBuilder api)
    {
        api.MapGet("/apps/{appId}/faults", Results<Ok<FaultSettings>, NotFound<AdminError>> (uint appId, FaultInjector faults, AppRegistry registry) =>
            registry.Find(appId) is null ? AdminResults.NoApp(appId) : TypedResults.Ok(faults.Get(appId)))
            .WithSummary("The app's fault settings, with the counts its rules still have");
        api.MapPut("/apps/{appId}/faults", async (uint appId, HttpRequest request, FaultInjector faults, AppRegistry registry, CancellationToken ct) =>
            AdminResults.Answer(await AdminBody.ReadAsync(request, AdminJson.Default.FaultSettings,
                settings => Task.FromResult(Replace(appId, settings, faults, registry)), ct), TypedResults.Ok))
            .WithSummary("Replace the app's fault settings, shares and rules").Accepts<FaultSettings>("application/json");
        api.MapPost("/apps/{appId}/faults/next", async (uint appId, HttpRequest request, FaultInjector faults, AppRegistry registry, CancellationToken ct) =>
            AdminResults.Answer(await AdminBody.ReadAsync(request, AdminJson.Default.FaultRule,
                rule => Task.FromResult(Append(appId, rule, faults, registry)), ct), TypedResults.Ok))
            .WithSummary("Add a rule after the app's others: its next Count calls of Action answer Code; answers the whole settings")
            .Accepts<FaultRule>("application/json");
        api.MapDelete("/apps/{appId}/faults", Results<NoContent, NotFound<AdminError>> (uint appId, FaultInjector faults, AppRegistry registry) =>
        {
            faults.Set(appId, FaultSettings.None);
            return registry.Find(appId) is null ? AdminResults.NoApp(appId) : TypedResults.NoContent();
        }).WithSummary("Turn every fault of the app off, rules included");
    }

    private static AdminOutcome<FaultSettings> Replace(uint appId, FaultSettings settings, FaultInjector faults, AppRegistry registry)
    {
        if ((AdminRefusal.IfNotServed(registry, appId) ?? Invalid(settings.Problem())) is { } refusal)
        {
            return refusal;
        }
        faults.Set(appId, settings);
        return faults.Get(appId);
    }

    private static AdminOutcome<FaultSettings> Append(uint appId, FaultRule rule, FaultInjector faults, AppRegistry registry)
    {
        if ((AdminRefusal.IfNotServed(registry, appId) ?? Invalid(rule.Problem())) is { } refusal)
        {
            return refusal;
        }
        var (settings, problem) = faults.Append(appId, rule);
        return settings ?? (AdminOutcome<FaultSettings>)AdminRefusal.Invalid(problem!);
    }

    private static AdminRefusal? Invalid(string? problem) => problem is null ? null : AdminRefusal.Invalid(problem);
}
