using Microsoft.AspNetCore.Http.HttpResults;
using Zim.Protocol.Admin;
using Zim.Server.Admin;
using Zim.Server.Api;
using Zim.Server.Apps;

namespace Zim.Server.CallRate;

internal static class CallRateSetup
{
    /// <summary>The calls per second of each app, told of every answered call.</summary>
    public static IServiceCollection AddZimCallRate(this IServiceCollection services) => services.AddCallObserver<CallRateLog>();

    /// <summary><c>GET /admin/api/apps/{appId}/calls/rate?seconds=</c>: the app's answered calls per second by Code.</summary>
    public static void MapCallRate(RouteGroupBuilder api) =>
        api.MapGet("/apps/{appId}/calls/rate", Results<Ok<CallsPerSecond>, BadRequest<AdminError>, NotFound<AdminError>> (
            uint appId, int? seconds, CallRateLog log, AppRegistry registry) =>
            registry.Find(appId) is null
                ? AdminResults.NoApp(appId)
                : seconds is < 1 or > CallRateLog.MaxSeconds
                    ? TypedResults.BadRequest(new AdminError($"seconds must be 1 to {CallRateLog.MaxSeconds}."))
                    : TypedResults.Ok(log.Read(appId, seconds ?? 300)))
            .WithSummary("The app's answered calls per second by Code, oldest second first, the current one last (this instance's memory, up to 600 s)");
}
