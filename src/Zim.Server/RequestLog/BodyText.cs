using System.Text;

namespace Zim.Server.RequestLog;

/// <summary>A request body as the log shows it: UTF-8 text, cut at a byte bound without splitting a character.</summary>
internal static class BodyText
{
    /// <summary>
    /// At most <paramref name="maxBytes"/> bytes of <paramref name="body"/> as text (bytes that are not UTF-8 become
    /// U+FFFD), and whether it was cut.
    /// </summary>
    public static (string Text, bool Truncated) Of(ReadOnlySpan<byte> body, int maxBytes)
    {
        if (body.Length <= maxBytes)
        {
            return (Encoding.UTF8.GetString(body), false);
        }
        return (Encoding.UTF8.GetString(body[..CharacterBoundary(body, maxBytes)]), true);
    }

    /// <summary>
    /// <paramref name="cut"/>, or where the character it would split starts. Only a lead byte whose sequence runs
    /// past the cut moves it; anything that is not UTF-8 stays, to be read as U+FFFD.
    /// </summary>
    private static int CharacterBoundary(ReadOnlySpan<byte> body, int cut)
    {
        for (var start = cut - 1; start >= 0 && start >= cut - 3; start--)
        {
            var lead = body[start];
            if ((lead & 0xC0) != 0x80)
            {
                var length = lead >= 0xF8 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
                return start + length > cut ? start : cut;
            }
        }
        return cut;
    }
}
