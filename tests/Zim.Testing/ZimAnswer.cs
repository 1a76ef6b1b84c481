using System.Net;
using System.Text.Json;

namespace Zim.Testing;

/// <summary>An answer as it came over the wire, with accessors for the envelope and its lists.</summary>
public sealed record ZimAnswer(HttpStatusCode Status, string Raw, JsonElement Json, string? RequestIdHeader)
{
    public int Code => Json.GetProperty("Code").GetInt32();
    public string Message => Json.GetProperty("Message").GetString()!;
    public string RequestId => Json.GetProperty("RequestId").GetString()!;

    /// <summary>ErrorList as (UserId, SubCode) pairs, in order.</summary>
    public IReadOnlyList<(string UserId, int SubCode)> Errors => ErrorsIn("ErrorList");

    /// <summary>The failure list of this name (<c>ErrList</c> in the blocklist actions) as (UserId, SubCode) pairs, in order.</summary>
    public IReadOnlyList<(string UserId, int SubCode)> ErrorsIn(string list) =>
        Json.GetProperty(list).EnumerateArray()
            .Select(e => (e.GetProperty("UserId").GetString()!, e.GetProperty("SubCode").GetInt32()))
            .ToList();

    public IReadOnlyList<JsonElement> Result => Json.GetProperty("Result").EnumerateArray().ToList();

    public static async Task<ZimAnswer> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement.Clone();
        var header = response.Headers.TryGetValues("X-Request-Id", out var values) ? values.Single() : null;
        return new ZimAnswer(response.StatusCode, raw, json, header);
    }
}
