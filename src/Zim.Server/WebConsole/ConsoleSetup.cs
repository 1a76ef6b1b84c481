namespace Zim.Server.WebConsole;

internal static class ConsoleSetup
{
    private const string Prefix = "console/";

    // Only the console's own files run, and they talk to this server only: no inline script or style, no frames.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>
    /// The web console at <c>/admin/</c>: static files embedded in the server (a page, its style and its ES modules).
    /// They hold no data; the page asks for the admin token and calls the admin API with it.
    /// </summary>
    public static IEndpointRouteBuilder MapZimConsole(this IEndpointRouteBuilder routes)
    {
        var assembly = typeof(ConsoleSetup).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            var bytes = Read(resource);
            var contentType = ContentTypes[Path.GetExtension(name)];
            routes.MapGet(name == "index.html" ? "/admin/" : "/admin/" + name, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(bytes, contentType);
            }).ExcludeFromDescription();
        }
        return routes;
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(ConsoleSetup).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the console file {resource} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
