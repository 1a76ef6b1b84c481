using System.Text;

namespace Zim.Testing;

/// <summary>
/// Mutates a valid request at random, as an outside fuzzer would: bytes replaced, bits flipped, ranges
/// inserted, deleted or duplicated, the whole cut short or extended. A few mutations are stacked per case,
/// and insertions favour tokens that meet the parser's edges (escapes, surrogates, bad UTF-8, NUL, numbers).
/// </summary>
public sealed class ByteMutator(Random random)
{
    private static readonly byte[][] Tokens =
    [
        .. new[] { "\"", "\\", "{", "}", "[", "]", ",", ":", "null", "true", "0", "-0", "1e999", "123456789012345678901234567890",
            "\\u", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\n", "\\x", "\u0000", "\u001f", "\u007f", "\u2028", "\uFEFF", "😀", "é",
            "\"UserId\":", "\"userid\":\"x\",", "{\"a\":", "[[[[", "%", "%FF", "%ED%A0%80", "%00", "&UserId[]=", "+", "=", "&" }
            .Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0], [0xC0, 0xAF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    /// <summary>One to four mutations of <paramref name="sample"/>; the sample itself is left as it is.</summary>
    public byte[] Mutate(ReadOnlySpan<byte> sample)
    {
        var bytes = new List<byte>(sample.ToArray());
        var count = random.Next(4) == 0 ? random.Next(2, 5) : 1;
        for (var i = 0; i < count; i++)
        {
            MutateOnce(bytes);
        }
        return [.. bytes];
    }

    private void MutateOnce(List<byte> bytes)
    {
        var at = random.Next(bytes.Count + 1);
        var end = Math.Min(bytes.Count, at + 1 + random.Next(16));
        switch (random.Next(9))
        {
            case 0 when at < bytes.Count:
                bytes[at] = (byte)random.Next(256);
                break;
            case 1 when at < bytes.Count:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 2:
                bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
            case 3:
                bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 5)).Select(_ => (byte)random.Next(256)));
                break;
            case 4:
                bytes.RemoveRange(at, end - at);
                break;
            case 5:
                // A range repeated in place, sometimes many times (long strings, many entries, deep nesting).
                var range = bytes.GetRange(at, end - at);
                var times = random.Next(4) == 0 ? random.Next(2, 200) : 1;
                for (var i = 0; i < times; i++)
                {
                    bytes.InsertRange(at, range);
                }
                break;
            case 6:
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, end - at));
                break;
            case 7:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            default:
                bytes.AddRange(random.Next(2) == 0 ? Tokens[random.Next(Tokens.Length)] : bytes.GetRange(at, end - at));
                break;
        }
    }

    /// <summary>
    /// Bytes as the text of a query string: printable ASCII stays as it is (so stray <c>%</c>, <c>&amp;</c>
    /// and <c>=</c> reach the query parser), everything else is percent-encoded.
    /// </summary>
    public static string AsQueryText(IEnumerable<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b is > 0x20 and < 0x7F and not (byte)'#')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
