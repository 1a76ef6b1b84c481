using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Zim.Server.Api;

/// <summary>Where caller-sent bytes stop being UTF-8, to say so in the answer.</summary>
internal static class Utf8Text
{
    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when every byte is.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }
        var at = 0;
        while (Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }
        return at;
    }
}
