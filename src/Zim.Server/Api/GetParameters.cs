using System.Globalization;
using System.Text.Json;
using Zim.Server.Users;

namespace Zim.Server.Api;

/// <summary>
/// The business parameters of a GET action: from the query, or, for one the query lacks, from a JSON object
/// body if the request has one (the vendor's pages showed such bodies for a while). The query wins; a body
/// that is not a JSON object is ignored, as is a repeated query key after its first value.
/// </summary>
internal sealed class GetParameters(string? query, ReadOnlyMemory<byte> body) : IDisposable
{
    private readonly ParsedBody parsed = body.IsEmpty ? default : JsonBody.Parse(body);

    /// <summary>The parameter's text, null when absent; or the sentence of a 660000002.</summary>
    public (string? Text, string? Problem) Read(string name)
    {
        if (QueryValues.Of(query, name) is [var first, ..])
        {
            return first.Problem is null ? (first.Text, null) : (null, $"{name} {first.Problem}");
        }
        if (parsed.Document is not { RootElement: { ValueKind: JsonValueKind.Object } root } || !JsonBody.TryGet(root, name, out var element))
        {
            return (null, null);
        }
        return element.ValueKind switch
        {
            JsonValueKind.Number => (element.GetRawText(), null),
            JsonValueKind.String => JsonBody.ReadString(element, out var text) is { } escape ? (null, JsonBody.NotUnicode(name, escape)) : (text, null),
            _ => (null, $"{name} must be a string or a number."),
        };
    }

    /// <summary>A whole number of zero or more, null when absent or empty; or the sentence of a 660000002.</summary>
    public (long? Value, string? Problem) ReadCount(string name)
    {
        var (text, problem) = Read(name);
        if (problem is not null || string.IsNullOrEmpty(text))
        {
            return (null, problem);
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? (value, null)
            : (null, $"{name} must be a decimal integer of 0 or more, not '{text}'.");
    }

    public void Dispose() => parsed.Dispose();
}
