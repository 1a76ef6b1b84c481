using System.Data.Common;
using Zim.Server.Apps;

namespace Zim.Server.Storage;

/// <summary>Reads rows of (app_id, server_secret, name, qps_limit, previous_secret, previous_until), as both stores select them.</summary>
internal static class AppRows
{
    public static async Task<IReadOnlyList<AppRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var apps = new List<AppRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            apps.Add(new AppRecord((uint)reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3))
            {
                PreviousSecret = reader.IsDBNull(4) ? null : reader.GetString(4),
                PreviousSecretUntil = reader.GetInt64(5),
            });
        }
        return apps;
    }
}
