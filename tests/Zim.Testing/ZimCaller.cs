using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Zim.Protocol;

namespace Zim.Testing;

/// <summary>Signs and sends raw calls, so that tests control every byte of the query and body.</summary>
public sealed class ZimCaller(HttpClient http, TestApp app, TimeProvider clock)
{
    public HttpClient Http => http;
    public TestApp App => app;

    /// <summary>The common parameters of a correctly signed call, in order; tests may change any of them.</summary>
    public List<KeyValuePair<string, string>> Common(string action, long? timestamp = null, string? nonce = null)
    {
        var ts = timestamp ?? clock.GetUtcNow().ToUnixTimeSeconds();
        nonce ??= ZimSignature.NewNonce();
        return
        [
            new("Action", action),
            new("AppId", app.AppId.ToString(CultureInfo.InvariantCulture)),
            new("SignatureNonce", nonce),
            new("Timestamp", ts.ToString(CultureInfo.InvariantCulture)),
            new("Signature", ZimSignature.Compute(app.AppId, nonce, app.ServerSecret, ts)),
            new("SignatureVersion", "2.0"),
        ];
    }

    public static string Query(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>The status of <c>GET /healthz</c>: 200 while the store answers, 503 otherwise.</summary>
    public async Task<System.Net.HttpStatusCode> HealthAsync()
    {
        using var response = await http.GetAsync("/healthz");
        return response.StatusCode;
    }

    public Task<ZimAnswer> PostAsync(string action, string json) =>
        SendAsync(HttpMethod.Post, Query(Common(action)), json);

    public Task<ZimAnswer> GetAsync(string action, string extraQuery = "") =>
        SendAsync(HttpMethod.Get, Query(Common(action)) + extraQuery, body: null);

    public async Task<ZimAnswer> SendAsync(HttpMethod method, string query, string? body, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, "/?" + query);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        return await SendAsync(request);
    }

    /// <summary>A signed POST of these bytes as they are, for bodies that no string holds (bytes that are not UTF-8).</summary>
    public async Task<ZimAnswer> PostBytesAsync(string action, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/?" + Query(Common(action))) { Content = new ByteArrayContent(body) };
        return await SendAsync(request);
    }

    private async Task<ZimAnswer> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return await ZimAnswer.ReadAsync(response);
    }
}
