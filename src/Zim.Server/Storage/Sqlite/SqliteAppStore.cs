using Microsoft.Data.Sqlite;
using Zim.Server.Apps;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Apps in SQLite.</summary>
internal sealed class SqliteAppStore(SqliteDatabase database, TimeProvider clock) : IAppStore
{
    private const string SelectApps = """
        SELECT app_id, server_secret, name, qps_limit, previous_secret, previous_until FROM apps ORDER BY app_id
        """;

    private const string UpsertApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, previous_secret, previous_until, created_at)
        VALUES ($app, $secret, $name, $qps, $previous, $until, $now)
        ON CONFLICT (app_id) DO UPDATE
        SET server_secret = excluded.server_secret, name = excluded.name, qps_limit = excluded.qps_limit,
            previous_secret = excluded.previous_secret, previous_until = excluded.previous_until
        """;

    // Atomic because SQLite runs one writer at a time (and ours runs writes one after another).
    private const string InsertFirstApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, previous_secret, previous_until, created_at)
        SELECT $app, $secret, $name, $qps, $previous, $until, $now
        WHERE NOT EXISTS (SELECT 1 FROM apps)
        """;

    public async Task<IReadOnlyList<AppRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectApps;
        return await AppRows.ReadAsync(command, cancellationToken);
    }

    public Task UpsertAsync(AppRecord app, CancellationToken cancellationToken) => ExecuteAsync(UpsertApp, app);

    public async Task<bool> CreateIfNoneAsync(AppRecord app, CancellationToken cancellationToken) =>
        await ExecuteAsync(InsertFirstApp, app) == 1;

    private Task<int> ExecuteAsync(string sql, AppRecord app) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$app", (long)app.AppId);
            command.Parameters.AddWithValue("$secret", app.ServerSecret);
            command.Parameters.AddWithValue("$name", app.Name);
            command.Parameters.AddWithValue("$qps", app.QpsLimit);
            command.Parameters.AddWithValue("$previous", (object?)app.PreviousSecret ?? DBNull.Value);
            command.Parameters.AddWithValue("$until", app.PreviousSecretUntil);
            command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        });
}
