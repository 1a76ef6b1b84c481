using Zim.Server.Api;
using Zim.Server.RateLimits;
using Zim.Server.Storage;

namespace Zim.Server.Metrics;

internal static class MetricsSetup
{
    /// <summary>Registers the metrics and wraps the user store and the rate limiter; call after both are registered.</summary>
    public static IServiceCollection AddZimMetrics(this IServiceCollection services)
    {
        services.AddSingleton<ZimMetrics>();
        services.AddSingleton<ICallObserver>(sp => sp.GetRequiredService<ZimMetrics>());
        Decorate<IUserStore>(services, (inner, sp) => new MeasuredUserStore(inner, sp.GetRequiredService<ZimMetrics>()));
        Decorate<IRateLimiter>(services, (inner, sp) => new CountedRateLimiter(inner, sp.GetRequiredService<ZimMetrics>()));
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

    private static void Decorate<T>(IServiceCollection services, Func<T, IServiceProvider, T> wrap)
        where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.AddSingleton(sp => wrap(Create<T>(original, sp), sp));
    }

    private static T Create<T>(ServiceDescriptor descriptor, IServiceProvider sp) =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
