namespace Zim.Server.Api;

internal static class ApiSetup
{
    public static IServiceCollection AddZimApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindChecked(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestIds>();
        services.AddSingleton<FailureLog>();
        services.AddSingleton<ZimDispatcher>();
        return services;
    }

    /// <summary>Every action shares the one path <c>/</c>; <c>Action=</c> in the query picks it.</summary>
    public static IEndpointRouteBuilder MapZimApi(this IEndpointRouteBuilder routes)
    {
        routes.Map("/", (HttpContext context, ZimDispatcher dispatcher) => dispatcher.HandleAsync(context));
        return routes;
    }
}
