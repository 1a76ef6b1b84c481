namespace Zim.Server.OpenApi;

internal static class OpenApiSetup
{
    public static IServiceCollection AddZimOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer<ZimActionsTransformer>());

    /// <summary><c>/openapi/v1.json</c> (the ZIM actions and the admin API) and a small reference page at <c>/openapi/</c>.</summary>
    public static IEndpointRouteBuilder MapZimOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi();
        routes.MapGet("/openapi/", () => Results.Text(ReferencePage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        return routes;
    }
}
