using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Zim.Server.Api;

internal static class HostingSetup
{
    private const string DefaultUrl = "http://127.0.0.1:8080";

    private static readonly Dictionary<string, string?> LogLevels = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>
    /// The command line, with configuration files read once at start: the server re-reads no setting while
    /// it runs, and a watcher on the working folder (where the database lives by default) would wake on
    /// every write to it. A later <c>--hostBuilder:reloadConfigOnChange</c> still wins.
    /// </summary>
    public static string[] Arguments(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];

    /// <summary>
    /// Loopback port 8080 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> or
    /// Kestrel endpoints say otherwise; and request logging that can never print a query string.
    /// </summary>
    public static WebApplicationBuilder AddZimHosting(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // The lowest source, so that any setting wins: the server ships as a package and a tool, with no
        // appsettings.json of its own beside it.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogLevels });
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // Slow or oversized requests are cut off rather than holding a connection: headers must arrive within
        // 10 s and fit in 32 KiB; the request line (the query carries up to 100 UserId[]) in 16 KiB; bodies at
        // 240 bytes/s or faster after 5 s (Kestrel's default). Each may be changed under Kestrel:Limits.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 16 * 1024;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
            configuration.GetSection("Kestrel:Limits").BindChecked(kestrel.Limits);
        });
        // ASP.NET Core's own request lines include the query string, and with it the Signature.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
