using System.Runtime.InteropServices;
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
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = Options.MaxDepth };

    /// <summary>The body as a document, or the sentence that says why it cannot be read (never a throw).</summary>
    public static ParsedBody Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            return new(null, $"The body is not valid JSON: {e.Message}");
        }
        if (JsonText.Unreadable(body.Span, ReaderOptions) is { } unreadable)
        {
            document.Dispose();
            return new(null, unreadable);
        }
        return new(document, null);
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
    /// Reads an optional string property: null when absent or null, a violation when of another type or
    /// when it holds an unpaired surrogate escape (no valid Unicode text).
    /// </summary>
    public static Violation? ReadOptionalString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!TryGet(obj, name, out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            return new Violation(ZimCode.InvalidParameter, $"{name} must be a string.");
        }
        return ReadString(element, out value) is { } escape ? new Violation(ZimCode.InvalidParameter, NotUnicode(name, escape)) : null;
    }

    /// <summary>
    /// The text of a string element of a body that <see cref="Parse"/> accepted; or, when it has none, the
    /// unpaired surrogate escape (such as <c>\ud800</c>) that it holds, the one thing left that cannot be read.
    /// </summary>
    public static string? ReadString(JsonElement element, out string? value)
    {
        var escape = JsonText.UnpairedSurrogate(JsonMarshal.GetRawUtf8Value(element));
        value = escape is null ? element.GetString() : null;
        return escape;
    }

    /// <summary>The sentence for a string that <see cref="ReadString"/> could not read.</summary>
    public static string NotUnicode(string name, string escape) =>
        $"{name} holds the unpaired surrogate escape {escape}; a string must be valid Unicode text.";

    /// <summary>
    /// The array property <paramref name="name"/> with 1 to <paramref name="max"/> items, or the message
    /// of a whole-call failure.
    /// </summary>
    public static string? ReadBatch(ParsedBody body, string name, int max, out JsonElement array)
    {
        array = default;
        if (body.Document is not { } document)
        {
            return body.Problem;
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

/// <summary>A request body read as JSON: the document, or the sentence that says why there is none.</summary>
internal readonly record struct ParsedBody(JsonDocument? Document, string? Problem) : IDisposable
{
    public void Dispose() => Document?.Dispose();
}
