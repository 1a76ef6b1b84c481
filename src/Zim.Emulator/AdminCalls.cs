using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Zim.Emulator;

/// <summary>
/// The emulator's controls are the admin API's, called over HTTP like any other language would: a refusal
/// becomes an <see cref="HttpRequestException"/> carrying the status and the server's sentence.
/// </summary>
internal static class AdminCalls
{
    public static async Task<T> SendAsync<T>(HttpClient admin, HttpMethod method, string path, HttpContent? body,
        JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(admin, method, path, body, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(answer, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"{method} {path}: the server answered null.");
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient admin, HttpMethod method, string path, HttpContent? body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        var response = await admin.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw new HttpRequestException($"{method} /admin/api/{path}: HTTP {(int)response.StatusCode}: {await ReasonAsync(response, cancellationToken).ConfigureAwait(false)}",
                null, response.StatusCode);
        }
    }

    public static JsonContent Json<T>(T value, JsonTypeInfo<T> type) => JsonContent.Create(value, type);

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(text, EmulatorJson.Default.AdminErrorBody)?.Error ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
