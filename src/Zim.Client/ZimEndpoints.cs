namespace Zim.Client;

/// <summary>Facts about API base addresses.</summary>
public static class ZimEndpoints
{
    private static readonly string[] VendorDomains = ["zego.im", "zegocloud.com"];

    /// <summary>True for the vendor's own hosts (<c>*.zego.im</c>, <c>*.zegocloud.com</c>), where calls reach real apps.</summary>
    public static bool IsVendorHost(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.IdnHost.TrimEnd('.');
        foreach (var domain in VendorDomains)
        {
            if (host.Equals(domain, StringComparison.OrdinalIgnoreCase) ||
                host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
