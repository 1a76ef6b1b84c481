using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Zim.Testing;

/// <summary>An answer of the admin API: its status and JSON (default when the body is empty or not JSON).</summary>
public sealed record AdminAnswer(HttpStatusCode Status, string Raw, JsonElement Json)
{
    public string Error => Json.GetProperty("Error").GetString()!;
}

/// <summary>Calls the admin API of a test server with the test admin token (or another, to test refusals).</summary>
public sealed class AdminCaller(HttpClient http, string? token = AdminAccess.Token)
{
    public HttpClient Http => http;

    public Task<AdminAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<AdminAnswer> PostAsync(string path, string? json = null) => SendAsync(HttpMethod.Post, path, json);

    public Task<AdminAnswer> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<AdminAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Creates an app through the admin API and returns it as a test app, secret included.</summary>
    public async Task<TestApp> CreateAppAsync(int qpsLimit = 0, string? name = null)
    {
        var answer = await PostAsync("/admin/api/apps", Json.Of(new { Name = name, QpsLimit = qpsLimit }));
        if (answer.Status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating an app answered {answer.Status}: {answer.Raw}");
        }
        return new TestApp(answer.Json.GetProperty("AppId").GetUInt32(), answer.Json.GetProperty("ServerSecret").GetString()!, qpsLimit);
    }

    public static string Apps(TestApp app, string rest = "") =>
        "/admin/api/apps/" + app.AppId.ToString(CultureInfo.InvariantCulture) + rest;

    public async Task<AdminAnswer> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonElement parsed = default;
        if (raw.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            parsed = JsonDocument.Parse(raw).RootElement.Clone();
        }
        return new AdminAnswer(response.StatusCode, raw, parsed);
    }
}

/// <summary>The admin token that test servers are configured with.</summary>
public static class AdminAccess
{
    public const string Token = "test-admin-token-0123456789abcdef";

    public static IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Admin:Token", Token)];

    public static AdminCaller Admin(this ZimFactory factory, string? token = Token) => new(factory.CreateClient(), token);
}
