using System.Text;
using System.Text.Json;
using Zim.Protocol.Rosters;
using Zim.Protocol.Wire;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// Writes an app's users to the response as they are read from the store: CSV (the header the CLI
/// imports, plus Extra) or JSON Lines. Memory stays flat whatever the number of users.
/// </summary>
internal static class UserExport
{
    public const string CsvHeader = "UserId,UserName,UserAvatar,Extra";

    public static bool TryParseFormat(string? format, out bool csv)
    {
        csv = format is null || format.Equals("csv", StringComparison.OrdinalIgnoreCase);
        return csv || format!.Equals("jsonl", StringComparison.OrdinalIgnoreCase) || format.Equals("ndjson", StringComparison.OrdinalIgnoreCase);
    }

    public static async Task WriteAsync(HttpResponse response, uint appId, bool csv, IAsyncEnumerable<StoredUser> users, CancellationToken cancellationToken)
    {
        response.ContentType = csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"users-{appId}.{(csv ? "csv" : "jsonl")}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 1 << 16);
        if (csv)
        {
            await writer.WriteLineAsync(CsvHeader);
        }
        var written = 0;
        await foreach (var user in users.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(csv ? CsvLine(user) : JsonLine(user));
            if (++written % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
    }

    private static string JsonLine(StoredUser user) =>
        JsonSerializer.Serialize(new UserProfile(user.UserId, user.UserName, user.UserAvatar, user.Extra), AdminJson.Default.UserProfile);

    private static string CsvLine(StoredUser user) =>
        $"{Csv.Field(user.UserId)},{Csv.Field(user.UserName)},{Csv.Field(user.UserAvatar)},{Csv.Field(user.Extra)}";
}
