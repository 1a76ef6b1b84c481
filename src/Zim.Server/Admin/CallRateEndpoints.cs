using Zim.Protocol.Admin;
using Zim.Server.Apps;
using Zim.Server.CallRate;

namespace Zim.Server.Admin;

/// <summary><c>GET /admin/api/apps/{appId}/calls/rate?seconds=</c>: the app's answered calls per second by Code.</summary>
internal static class CallRateEndpoints
{
    public static void MapCallRate(RouteGroupBuilder api) =>
        api.MapGet("/apps/{appId}/calls/rate", (uint appId, int? seconds, AppRegistry registry, CallRateLog log) =>
            AdminResults.Answer(Read(appId, seconds, registry, log), TypedResults.Ok))
            .WithSummary("The app's answered calls per second by Code, oldest second first, the current one last (this instance's memory, up to 600 s)");

    private static AdminOutcome<CallsPerSecond> Read(uint appId, int? seconds, AppRegistry registry, CallRateLog log) =>
        AdminRefusal.IfNotServed(registry, appId) is { } refusal
            ? refusal
            : seconds is < 1 or > CallRateLog.MaxSeconds
                ? AdminRefusal.Invalid($"seconds must be 1 to {CallRateLog.MaxSeconds}.")
                : log.Read(appId, seconds ?? 300);
}
