using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Zim.Server.Admin;

/// <summary>JSON answers of the admin API: plain HTTP statuses with a sentence, not ZIM envelopes.</summary>
internal static class AdminResults
{
    public static IResult Ok<T>(T value, JsonTypeInfo<T> type) => Results.Json(value, type);

    public static IResult Error(int status, string message) =>
        Results.Json(new AdminError(message), AdminJson.Default.AdminError, statusCode: status);

    public static IResult NoApp(uint appId) => Error(StatusCodes.Status404NotFound, $"No app {appId} is served here.");

    /// <summary>The body as <typeparamref name="T"/>, or the 400 that says why it is not one.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
            return value is null ? (null, Error(StatusCodes.Status400BadRequest, "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Error(StatusCodes.Status400BadRequest, $"The body is not valid JSON for this call: {e.Message}"));
        }
    }
}
