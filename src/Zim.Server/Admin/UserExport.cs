using System.Text;
using System.Text.Json;
using Zim.Protocol.Rosters;
using Zim.Protocol.Wire;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// An app's users as a file, written as they are read from the store: CSV (the header the CLI imports, plus
/// Extra) or JSON Lines. Memory stays flat whatever the number of users.
/// </summary>
internal sealed record UserExport(uint AppId, bool IsCsv, IAsyncEnumerable<StoredUser> Users)
{
    public const string CsvHeader = "UserId,UserName,UserAvatar,Extra";

    public string ContentType => IsCsv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8";

    public string FileName => $"users-{AppId}.{(IsCsv ? "csv" : "jsonl")}";

    public static bool TryParseFormat(string? format, out bool csv)
    {
        csv = format is null || format.Equals("csv", StringComparison.OrdinalIgnoreCase);
        return csv || format!.Equals("jsonl", StringComparison.OrdinalIgnoreCase) || format.Equals("ndjson", StringComparison.OrdinalIgnoreCase);
    }

    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        await using var users = Users.GetAsyncEnumerator(cancellationToken);
        // The first user is read before the first byte is written: a store that fails at once is answered
        // with the admin error, not with a file cut short.
        var more = await users.MoveNextAsync();
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        if (IsCsv)
        {
            await writer.WriteLineAsync(CsvHeader);
        }
        for (var written = 1; more; written++, more = await users.MoveNextAsync())
        {
            await writer.WriteLineAsync(IsCsv ? CsvLine(users.Current) : JsonLine(users.Current));
            if (written % 1000 == 0)
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
