using System.Net;

namespace Zim.Server.Ephemeral;

/// <summary>
/// An ephemeral server answers with well-known credentials, so it must never be reachable from another
/// machine: every address it is told to listen on has to be loopback (or a local socket or pipe).
/// </summary>
internal static class LoopbackOnly
{
    /// <summary>The first configured address that is not loopback, or null when there is none.</summary>
    public static string? FirstOutside(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? "").ToList();
        // Kestrel uses the ports settings only when no address is given (.NET's container images set HTTP_PORTS).
        if (urls.Length == 0 && endpoints.Count == 0
            && (!string.IsNullOrEmpty(configuration["http_ports"]) || !string.IsNullOrEmpty(configuration["https_ports"])))
        {
            return "ASPNETCORE_HTTP_PORTS / HTTPS_PORTS (every interface)";
        }
        return urls.Concat(endpoints).FirstOrDefault(url => !IsLoopback(url));
    }

    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }
        return address.IsUnixPipe || address.IsNamedPipe
            || address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
