using System.CommandLine;
using System.Globalization;
using Zim.Client;

namespace Zim.Cli;

/// <summary>
/// The options every command shares: which app, with which secret, at which address, how fast. Each falls
/// back to its environment variable. The secret is never printed.
/// </summary>
internal sealed class ConnectionOptions
{
    /// <summary>Where calls go when neither --endpoint nor ZIM_ENDPOINT says: a server run locally with its defaults.</summary>
    public static readonly Uri DefaultEndpoint = new("http://localhost:5000");

    public Option<string> AppId { get; } = new("--app-id") { Description = "The app's AppId [env: ZIM_APP_ID]", Recursive = true };

    public Option<string> Secret { get; } = new("--secret")
    {
        Description = "The app's 32-character ServerSecret [env: ZIM_SERVER_SECRET; prefer it: options show in process lists]",
        Recursive = true,
    };

    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The API's base address [env: ZIM_ENDPOINT; default {DefaultEndpoint}]. The vendor's hosts (*.zego.im, *.zegocloud.com) only when named here",
        Recursive = true,
    };

    public Option<int> Qps { get; } = new("--qps")
    {
        Description = "Calls per second per action that zim allows itself: the app's limit (0: no pacing)",
        DefaultValueFactory = _ => Protocol.ZimLimits.DefaultQpsLimit,
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Add(AppId);
        root.Add(Secret);
        root.Add(Endpoint);
        root.Add(Qps);
    }

    /// <summary>The AppId from --app-id or ZIM_APP_ID, or why not.</summary>
    public uint? ReadAppId(ParseResult parsed, CliHost host, out string? error)
    {
        var appIdText = parsed.GetValue(AppId) ?? host.Environment("ZIM_APP_ID");
        if (string.IsNullOrWhiteSpace(appIdText))
        {
            error = "No AppId: pass --app-id or set ZIM_APP_ID.";
            return null;
        }
        if (!uint.TryParse(appIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var appId) || appId == 0)
        {
            error = $"AppId '{appIdText}' is not a number from 1 to {uint.MaxValue}.";
            return null;
        }
        error = null;
        return appId;
    }

    /// <summary>AppId and secret alone (enough to sign or make a token), or why not.</summary>
    public (uint AppId, string Secret)? Credentials(ParseResult parsed, CliHost host, out string? error)
    {
        if (ReadAppId(parsed, host, out error) is not { } appId)
        {
            return null;
        }
        var secret = parsed.GetValue(Secret) ?? host.Environment("ZIM_SERVER_SECRET");
        if (string.IsNullOrEmpty(secret))
        {
            error = "No ServerSecret: set ZIM_SERVER_SECRET (or pass --secret).";
            return null;
        }
        if (secret.Length != 32)
        {
            error = $"The ServerSecret must be 32 characters; the one given has {secret.Length}.";
            return null;
        }
        error = null;
        return (appId, secret);
    }

    /// <summary>Everything a client needs, or why not. Refuses a vendor host that --endpoint does not name.</summary>
    public ZimClientOptions? Client(ParseResult parsed, CliHost host, out string? error)
    {
        if (Credentials(parsed, host, out error) is not { } credentials)
        {
            return null;
        }
        var explicitEndpoint = parsed.GetValue(Endpoint);
        var endpointText = explicitEndpoint ?? host.Environment("ZIM_ENDPOINT");
        var endpoint = DefaultEndpoint;
        if (!string.IsNullOrWhiteSpace(endpointText) &&
            (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            error = $"Endpoint '{endpointText}' is not an http or https address.";
            return null;
        }
        if (ZimEndpoints.IsVendorHost(endpoint) && explicitEndpoint is null)
        {
            error = $"ZIM_ENDPOINT names the vendor's host {endpoint.Host}, where calls change a real app. " +
                $"zim sends there only when --endpoint names it: add --endpoint {endpoint.GetLeftPart(UriPartial.Authority)}";
            return null;
        }
        var qps = parsed.GetValue(Qps);
        if (qps < 0)
        {
            error = "--qps must be 0 (no pacing) or more.";
            return null;
        }
        return new ZimClientOptions
        {
            AppId = credentials.AppId,
            ServerSecret = credentials.Secret,
            Endpoint = endpoint,
            QpsLimit = qps,
            Clock = host.Clock,
        };
    }
}
