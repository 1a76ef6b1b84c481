using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Zim.Server.Admin;

/// <summary>The JSON body of an admin call: read, then handled; a body that is not one is refused before the call runs.</summary>
internal static class AdminBody
{
    public static async Task<AdminOutcome<TResult>> ReadAsync<TBody, TResult>(
        HttpRequest request, JsonTypeInfo<TBody> type, Func<TBody, Task<AdminOutcome<TResult>>> handle, CancellationToken cancellationToken)
        where TBody : class
    {
        TBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
        }
        catch (JsonException e)
        {
            return AdminRefusal.Invalid($"The body is not valid JSON for this call: {e.Message}");
        }
        return body is null ? AdminRefusal.Invalid("The body must be a JSON object.") : await handle(body);
    }
}
