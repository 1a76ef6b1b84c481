using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Health;

internal static class HealthEndpoint
{
    /// <summary><c>GET /healthz</c>: 200 while the store answers, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", async (IStorage storage, AppRegistry apps, CancellationToken cancellationToken) =>
            await storage.PingAsync(cancellationToken)
                ? Results.Json(new HealthReport("ok", apps.Count), HealthJson.Default.HealthReport)
                : Results.Json(new HealthReport("store unreachable", apps.Count), HealthJson.Default.HealthReport, statusCode: 503));
        return routes;
    }
}

internal sealed record HealthReport(string Status, int Apps);

[System.Text.Json.Serialization.JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJson : System.Text.Json.Serialization.JsonSerializerContext;
