using Zim.Server.Apps;
using Zim.Server.Redis;
using Zim.Server.Storage;

namespace Zim.Server.Health;

internal static class HealthEndpoint
{
    /// <summary><c>GET /healthz</c>: 200 while the store answers, 503 otherwise; Redis being down degrades limits, not health.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", async (IStorage storage, AppRegistry apps, RedisConnection redis, CancellationToken cancellationToken) =>
            await storage.PingAsync(cancellationToken)
                ? Results.Json(new HealthReport("ok", apps.Count, redis.Mode), HealthJson.Default.HealthReport)
                : Results.Json(new HealthReport("store unreachable", apps.Count, redis.Mode), HealthJson.Default.HealthReport, statusCode: 503));
        return routes;
    }
}

/// <summary>Limits: "per-instance", "shared (Redis)", or "per-instance (Redis unreachable)".</summary>
internal sealed record HealthReport(string Status, int Apps, string Limits);

[System.Text.Json.Serialization.JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJson : System.Text.Json.Serialization.JsonSerializerContext;
