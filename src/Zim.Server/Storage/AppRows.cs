using System.Data.Common;
using Zim.Server.Apps;

namespace Zim.Server.Storage;

/// <summary>Reads rows of (app_id, server_secret, name, qps_limit, previous_secret, previous_until, callback_url, callback_secret), as both stores select them.</summary>
internal static class AppRows
{
    /// <summary>The apps, their secrets opened.</summary>
    public static async Task<IReadOnlyList<AppRecord>> ReadAsync(DbCommand command, ISecretSeal cipher, CancellationToken cancellationToken) =>
        (await ReadRowsAsync(command, cancellationToken)).Select(row =>
            new AppRecord(row.Stored.AppId, cipher.Open(row.Stored.AppId, row.Stored.ServerSecret), row.Name, row.QpsLimit)
            {
                PreviousSecret = row.Stored.PreviousSecret is { } previous ? cipher.Open(row.Stored.AppId, previous) : null,
                PreviousSecretUntil = row.PreviousUntil,
                CallbackUrl = row.CallbackUrl is { } url ? new Uri(url) : null,
                CallbackSecret = row.Stored.CallbackSecret is { } callback ? cipher.Open(row.Stored.AppId, callback) : null,
            }).ToList();

    /// <summary>The secrets as stored, for sealing those that are not yet.</summary>
    public static async Task<IReadOnlyList<StoredSecrets>> ReadStoredAsync(DbCommand command, CancellationToken cancellationToken) =>
        (await ReadRowsAsync(command, cancellationToken)).Select(row => row.Stored).ToList();

    private static async Task<List<Row>> ReadRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = new StoredSecrets((uint)reader.GetInt64(0), reader.GetString(1), NullableText(reader, 4), NullableText(reader, 7));
            rows.Add(new Row(stored, reader.GetString(2), reader.GetInt32(3), reader.GetInt64(5), NullableText(reader, 6)));
        }
        return rows;
    }

    private static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record Row(StoredSecrets Stored, string Name, int QpsLimit, long PreviousUntil, string? CallbackUrl);
}
