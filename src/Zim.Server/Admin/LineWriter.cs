using System.Text;

namespace Zim.Server.Admin;

/// <summary>Writes an export as its rows are read from the store, one line each: memory stays flat whatever their number.</summary>
internal static class LineWriter
{
    /// <summary>Writes <paramref name="header"/> (if any), then one line per row, flushed every 1,000 rows.</summary>
    public static async Task WriteAsync<T>(IAsyncEnumerable<T> rows, Stream body, string? header, Func<T, string> line, CancellationToken cancellationToken)
    {
        await using var items = rows.GetAsyncEnumerator(cancellationToken);
        // The first row is read before the first byte is written: a store that fails at once is answered with the
        // admin error, not with a file cut short.
        var more = await items.MoveNextAsync();
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        if (header is not null)
        {
            await writer.WriteLineAsync(header);
        }
        for (var written = 1; more; written++, more = await items.MoveNextAsync())
        {
            await writer.WriteLineAsync(line(items.Current));
            if (written % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
    }
}
