using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using Zim.Cli.Commands;

namespace Zim.Cli.Admin;

/// <summary>
/// How the admin commands reach the server's admin API: the endpoint of the other commands and an admin
/// token from --admin-token or ZIM_ADMIN_TOKEN. The token is never printed.
/// </summary>
internal sealed class AdminConnection(ConnectionOptions connection)
{
    public Option<string> Token { get; } = new("--admin-token")
    {
        Description = "The server's admin token [env: ZIM_ADMIN_TOKEN; prefer it: options show in process lists]",
        Recursive = true,
    };

    /// <summary>An HTTP client for <c>/admin/api/</c>, or why not.</summary>
    public HttpClient? Client(ParseResult parsed, CliHost host, out string? error)
    {
        var token = parsed.GetValue(Token) ?? host.Environment("ZIM_ADMIN_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            error = "No admin token: set ZIM_ADMIN_TOKEN (or pass --admin-token).";
            return null;
        }
        var endpointText = parsed.GetValue(connection.Endpoint) ?? host.Environment("ZIM_ENDPOINT");
        var endpoint = ConnectionOptions.DefaultEndpoint;
        if (!string.IsNullOrWhiteSpace(endpointText) &&
            (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            error = $"Endpoint '{endpointText}' is not an http or https address.";
            return null;
        }
        error = null;
        var http = new HttpClient(host.Network(), disposeHandler: true) { BaseAddress = endpoint, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        return http;
    }

    /// <summary>Sends one admin call with a client made from the options and prints its JSON answer (see <see cref="SendAsync"/>).</summary>
    public async Task<int> RunAsync(CliHost host, ParseResult parsed, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        if (Client(parsed, host, out var error) is not { } http)
        {
            return host.Fail(error!);
        }
        using (http)
        {
            return await SendAsync(host, http, method, path, json, cancellationToken);
        }
    }

    /// <summary>The path of an app under <c>/admin/api/apps/</c>, with <paramref name="rest"/> after it.</summary>
    public static string AppPath(uint appId, string rest = "") => "/admin/api/apps/" + appId.ToString(CultureInfo.InvariantCulture) + rest;

    /// <summary>Sends one admin call and prints its JSON answer; a refusal becomes the server's sentence on standard error.</summary>
    public static async Task<int> SendAsync(CliHost host, HttpClient http, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return host.Fail($"{(int)response.StatusCode}: {AdminText.ErrorOf(body)}", ExitCodes.Stopped);
            }
            if (body.Length > 0)
            {
                host.Out.WriteLine(body);
            }
            return ExitCodes.Success;
        }
        catch (HttpRequestException exception)
        {
            return host.Fail(exception.Message, ExitCodes.Stopped);
        }
    }
}
