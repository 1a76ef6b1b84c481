using Microsoft.AspNetCore.Http.HttpResults;
using Zim.Protocol.Admin;
using Zim.Server.Apps;
using Zim.Server.RequestLog;

namespace Zim.Server.Admin;

/// <summary><c>GET /admin/api/apps/{appId}/requests?code=&amp;after=&amp;limit=</c>: the app's recent calls, newest first.</summary>
internal static class RequestLogEndpoints
{
    public const int MaxLimit = 1000;

    public static void MapRequestLog(RouteGroupBuilder api) =>
        api.MapGet("/apps/{appId}/requests", Results<Ok<LoggedCall[]>, BadRequest<AdminError>, NotFound<AdminError>> (
            uint appId, int? code, long? after, int? limit, CallLog log, AppRegistry registry) =>
            registry.Find(appId) is null
                ? AdminResults.NoApp(appId)
                : limit is < 1 or > MaxLimit
                    ? TypedResults.BadRequest(new AdminError($"limit must be 1 to {MaxLimit}."))
                    : TypedResults.Ok(log.Read(appId, code, after ?? 0, limit ?? 100).ToArray()))
            .WithSummary("The app's recent calls, newest first; code= filters, after= gives only newer ones");
}
