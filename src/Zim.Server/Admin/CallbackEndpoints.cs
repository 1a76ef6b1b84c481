using Zim.Protocol.Admin;
using Zim.Server.Apps;
using Zim.Server.Callbacks;

namespace Zim.Server.Admin;

/// <summary><c>GET /admin/api/apps/{appId}/callbacks</c>: the app's last callback deliveries on this instance, newest first.</summary>
internal static class CallbackEndpoints
{
    public const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder callbacks) =>
        callbacks.MapGet("/", (uint appId, int? limit, AppRegistry registry, CallbackLog log) =>
            AdminResults.Answer(Read(appId, limit, registry, log), TypedResults.Ok))
            .WithSummary("The app's last callback deliveries made by this instance, newest first: one entry per attempt, never a secret");

    private static AdminOutcome<CallbackDelivery[]> Read(uint appId, int? limit, AppRegistry registry, CallbackLog log)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        if (limit is < 1 or > MaxLimit)
        {
            return AdminRefusal.Invalid($"limit must be 1 to {MaxLimit}.");
        }
        return log.Read(appId, limit ?? 100).ToArray();
    }
}
