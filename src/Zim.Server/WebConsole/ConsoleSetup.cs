namespace Zim.Server.WebConsole;

internal static class ConsoleSetup
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/admin/", "index.html", "text/html; charset=utf-8"),
        ("/admin/console.js", "console.js", "text/javascript; charset=utf-8"),
        ("/admin/console.css", "console.css", "text/css; charset=utf-8"),
    ];

    /// <summary>
    /// The web console at <c>/admin/</c>: static files embedded in the server. They hold no data; the page
    /// asks for the admin token and calls the admin API with it.
    /// </summary>
    public static IEndpointRouteBuilder MapZimConsole(this IEndpointRouteBuilder routes)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var bytes = Read(resource);
            routes.MapGet(path, () => Results.Bytes(bytes, contentType)).ExcludeFromDescription();
        }
        return routes;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(ConsoleSetup).Assembly.GetManifestResourceStream("console/" + name)
            ?? throw new InvalidOperationException($"the console file {name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
