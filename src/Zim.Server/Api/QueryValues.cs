using System.Text;

namespace Zim.Server.Api;

/// <summary>One value of a query key: its text, or (when its percent-escapes are not UTF-8) why it has none.</summary>
internal readonly record struct QueryValue(string? Text, string? Problem);

/// <summary>
/// The values of one query key, read from the raw query string. ASP.NET Core's query collection keeps a
/// percent-escape whose bytes are not UTF-8 as literal text: <c>%FF</c> reads as the three characters
/// "%FF", a valid UserId that <c>%25FF</c> names too. Here such a value is an error of its own.
/// Otherwise the rules are the collection's: pairs split on '&amp;', '+' is a space, names match in any
/// case, a name without '=' has the value "", and a '%' without two hex digits after it is itself.
/// </summary>
internal static class QueryValues
{
    public static List<QueryValue> Of(string? rawQuery, string name)
    {
        var values = new List<QueryValue>();
        var query = (rawQuery ?? "").AsSpan().TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (!pair.IsEmpty && string.Equals(Decode(equals < 0 ? pair : pair[..equals]).Text, name, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(equals < 0 ? new("", null) : Decode(pair[(equals + 1)..]));
            }
        }
        return values;
    }

    private static QueryValue Decode(ReadOnlySpan<char> encoded)
    {
        if (!encoded.ContainsAny('%', '+'))
        {
            return new(encoded.ToString(), null);
        }
        // Only consecutive escapes can form one UTF-8 sequence, so each run of them is checked on its own.
        var text = new StringBuilder(encoded.Length);
        var escaped = new List<byte>();
        for (var i = 0; i <= encoded.Length; i++)
        {
            if (i + 2 < encoded.Length && encoded[i] == '%' && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
            {
                escaped.Add(Convert.FromHexString(encoded.Slice(i + 1, 2))[0]);
                i += 2;
                continue;
            }
            if (escaped.Count > 0)
            {
                var run = escaped.ToArray();
                if (Utf8Text.FirstInvalid(run) is var bad and >= 0)
                {
                    var at = Encoding.UTF8.GetByteCount(text.ToString()) + bad;
                    return new(null, $"is not UTF-8 once percent-decoded: its byte {at} is 0x{run[bad]:X2}");
                }
                text.Append(Encoding.UTF8.GetString(run));
                escaped.Clear();
            }
            if (i < encoded.Length)
            {
                text.Append(encoded[i] == '+' ? ' ' : encoded[i]);
            }
        }
        return new(text.ToString(), null);
    }
}
