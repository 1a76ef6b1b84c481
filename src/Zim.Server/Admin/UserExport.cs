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

    public Task WriteAsync(Stream body, CancellationToken cancellationToken) =>
        LineWriter.WriteAsync(Users, body, IsCsv ? CsvHeader : null, IsCsv ? CsvLine : JsonLine, cancellationToken);

    private static string JsonLine(StoredUser user) =>
        JsonSerializer.Serialize(new UserProfile(user.UserId, user.UserName, user.UserAvatar, user.Extra), AdminJson.Default.UserProfile);

    private static string CsvLine(StoredUser user) =>
        $"{Csv.Field(user.UserId)},{Csv.Field(user.UserName)},{Csv.Field(user.UserAvatar)},{Csv.Field(user.Extra)}";
}
