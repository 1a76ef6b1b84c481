using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;

namespace Zim.Server.Users;

/// <summary>
/// Lenient reading of request bodies as the contract wants it: property names matched case-insensitively,
/// unknown properties ignored, the last of repeated properties taken (as common JSON decoders do), and a
/// wrong type reported as a value rather than thrown.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The value of property <paramref name="name"/> in any letter case, if present and not null.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        var found = false;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                found = true;
            }
        }
        return found && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>
    /// Reads an optional string property: null when absent or null, a violation when of another type
    /// (or a string that is not valid Unicode, such as a lone surrogate escape).
    /// </summary>
    public static Violation? ReadOptionalString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!TryGet(obj, name, out var element))
        {
            return null;
        }
        if (element.ValueKind == JsonValueKind.String && TryGetString(element, out value))
        {
            return null;
        }
        return new Violation(ZimCode.InvalidParameter, $"{name} must be a string.");
    }

    public static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return value is not null;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>
    /// The array property <paramref name="name"/> with 1 to <paramref name="max"/> items, or the message
    /// of a whole-call failure.
    /// </summary>
    public static string? ReadBatch(JsonDocument? document, string name, int max, out JsonElement array)
    {
        array = default;
        if (document is null)
        {
            return "The body is not valid JSON.";
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return "The body must be a JSON object.";
        }
        if (!TryGet(document.RootElement, name, out array) || array.ValueKind != JsonValueKind.Array)
        {
            return $"{name} is missing or is not an array.";
        }
        var count = array.GetArrayLength();
        if (count == 0)
        {
            return $"{name} is empty: send 1 to {max} entries.";
        }
        return count > max ? $"{name} holds {count} entries; the limit is {max}." : null;
    }
}
