using System.Text;
using System.Text.Json;
using Zim.Server.Api;

namespace Zim.Server.Users;

/// <summary>
/// The text rules that System.Text.Json leaves until a string is read (and then throws): the body must be
/// UTF-8 throughout, and an escape must not be half of a UTF-16 pair. Checked up front, so that a bad byte
/// becomes the caller's 660000002 with a sentence, not an exception that ends as an internal error.
/// </summary>
internal static class JsonText
{
    /// <summary>
    /// Why a body that parsed as JSON still cannot be read, or null: bytes that are not UTF-8 (only a string
    /// can hold them once it parsed), or a property name with an unpaired surrogate escape, which cannot be
    /// matched against any name. String values with such an escape are the problem of their own field.
    /// </summary>
    public static string? Unreadable(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
        if (Utf8Text.FirstInvalid(json) is var at and >= 0)
        {
            return $"The body is not valid JSON: a string holds bytes that are not UTF-8, at byte offset {at} (0x{json[at]:X2}).";
        }
        if (json.IndexOf("\\u"u8) < 0)
        {
            return null;
        }
        var reader = new Utf8JsonReader(json, options);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueIsEscaped && UnpairedSurrogate(reader.ValueSpan) is { } escape)
            {
                return $"The body holds a property name with the unpaired surrogate escape {escape}, at byte offset {reader.TokenStartIndex}: names must be valid Unicode.";
            }
        }
        return null;
    }

    /// <summary>
    /// The first escape in raw (still escaped) JSON string text that is a high surrogate without a low one
    /// after it, or a low surrogate without a high one before it, such as <c>\ud800</c>; null when none is.
    /// The text must have parsed, so every <c>\u</c> has four hex digits.
    /// </summary>
    public static string? UnpairedSurrogate(ReadOnlySpan<byte> raw)
    {
        var i = raw.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < raw.Length)
        {
            if (raw[i + 1] != 'u')
            {
                i = Next(raw, i + 2);
                continue;
            }
            var unit = Hex(raw.Slice(i + 2, 4));
            if (unit is >= 0xD800 and <= 0xDBFF && i + 11 < raw.Length && raw[i + 6] == '\\' && raw[i + 7] == 'u'
                && Hex(raw.Slice(i + 8, 4)) is >= 0xDC00 and <= 0xDFFF)
            {
                i = Next(raw, i + 12);
            }
            else if (unit is >= 0xD800 and <= 0xDFFF)
            {
                return Encoding.ASCII.GetString(raw.Slice(i, 6));
            }
            else
            {
                i = Next(raw, i + 6);
            }
        }
        return null;
    }

    private static int Next(ReadOnlySpan<byte> raw, int from)
    {
        var found = raw[from..].IndexOf((byte)'\\');
        return found < 0 ? -1 : from + found;
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var d in digits)
        {
            value = (value << 4) | (d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
        }
        return value;
    }
}
