using Zim.Server.Api;
using Zim.Server.RateLimits;
using Zim.Server.Storage;

namespace Zim.Server.Metrics;

internal static class MetricsSetup
{
    /// <summary>
    /// The metrics, told of every answered call, user store call and rate-limit refusal by the features'
    /// observer seams (whatever the order in which those features are registered).
    /// </summary>
    public static IServiceCollection AddZimMetrics(this IServiceCollection services)
    {
        services.AddCallObserver<ZimMetrics>();
        services.AddSingleton<IUserStoreObserver>(sp => sp.GetRequiredService<ZimMetrics>());
        services.AddSingleton<IRateLimitObserver>(sp => sp.GetRequiredService<ZimMetrics>());
        return services;
    }

    /// <summary><c>GET /metrics</c> in the Prometheus text format; unauthenticated, as scrapers expect (it holds no secrets).</summary>
    public static IEndpointRouteBuilder MapZimMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", async (HttpContext context, ZimMetrics metrics) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        return routes;
    }
}
