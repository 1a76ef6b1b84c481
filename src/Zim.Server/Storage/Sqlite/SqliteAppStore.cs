using Microsoft.Data.Sqlite;
using Zim.Server.Apps;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Apps in SQLite, their secrets sealed.</summary>
internal sealed class SqliteAppStore(SqliteDatabase database, ISecretSeal cipher, TimeProvider clock) : IAppStore
{
    private const string SelectApps = """
        SELECT app_id, server_secret, name, qps_limit, previous_secret, previous_until, callback_url, callback_secret FROM apps ORDER BY app_id
        """;

    private const string UpsertApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, previous_secret, previous_until, callback_url, callback_secret, created_at)
        VALUES ($app, $secret, $name, $qps, $previous, $until, $callbackUrl, $callbackSecret, $now)
        ON CONFLICT (app_id) DO UPDATE
        SET server_secret = excluded.server_secret, name = excluded.name, qps_limit = excluded.qps_limit,
            previous_secret = excluded.previous_secret, previous_until = excluded.previous_until,
            callback_url = excluded.callback_url, callback_secret = excluded.callback_secret
        """;

    // Atomic because SQLite runs one writer at a time (and ours runs writes one after another).
    private const string InsertFirstApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, previous_secret, previous_until, callback_url, callback_secret, created_at)
        SELECT $app, $secret, $name, $qps, $previous, $until, $callbackUrl, $callbackSecret, $now
        WHERE NOT EXISTS (SELECT 1 FROM apps)
        """;

    private const string ReplaceSecrets = """
        UPDATE apps SET server_secret = $secret, previous_secret = $previous, callback_secret = $callback
        WHERE app_id = $app AND server_secret = $expected AND previous_secret IS $expectedPrevious AND callback_secret IS $expectedCallback
        """;

    public Task<IReadOnlyList<AppRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(command =>
        {
            command.CommandText = SelectApps;
            return AppRows.ReadAsync(command, cipher, cancellationToken);
        }, cancellationToken);

    public Task UpsertAsync(AppRecord app, CancellationToken cancellationToken) => ExecuteAsync(UpsertApp, app);

    public async Task<bool> CreateIfNoneAsync(AppRecord app, CancellationToken cancellationToken) =>
        await ExecuteAsync(InsertFirstApp, app) == 1;

    public Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(command =>
        {
            command.CommandText = SelectApps;
            return AppRows.ReadStoredAsync(command, cancellationToken);
        }, cancellationToken);

    public async Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken cancellationToken) =>
        await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = ReplaceSecrets;
            command.Parameters.AddWithValue("$app", (long)expected.AppId);
            command.Parameters.AddWithValue("$secret", replacement.ServerSecret);
            command.Parameters.AddWithValue("$previous", (object?)replacement.PreviousSecret ?? DBNull.Value);
            command.Parameters.AddWithValue("$expected", expected.ServerSecret);
            command.Parameters.AddWithValue("$expectedPrevious", (object?)expected.PreviousSecret ?? DBNull.Value);
            command.Parameters.AddWithValue("$callback", (object?)replacement.CallbackSecret ?? DBNull.Value);
            command.Parameters.AddWithValue("$expectedCallback", (object?)expected.CallbackSecret ?? DBNull.Value);
            return command.ExecuteNonQuery();
        }) == 1;

    // secure_delete zeroed the replaced values in their pages; the WAL may still hold older versions of the pages.
    public Task PurgeReplacedSecretsAsync(CancellationToken cancellationToken) => database.TruncateWalAsync(cancellationToken);

    private Task<int> ExecuteAsync(string sql, AppRecord app) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$app", (long)app.AppId);
            command.Parameters.AddWithValue("$secret", cipher.Seal(app.AppId, app.ServerSecret));
            command.Parameters.AddWithValue("$name", app.Name);
            command.Parameters.AddWithValue("$qps", app.QpsLimit);
            command.Parameters.AddWithValue("$previous", app.PreviousSecret is { } previous ? cipher.Seal(app.AppId, previous) : DBNull.Value);
            command.Parameters.AddWithValue("$until", app.PreviousSecretUntil);
            command.Parameters.AddWithValue("$callbackUrl", app.CallbackUrl is { } url ? url.ToString() : DBNull.Value);
            command.Parameters.AddWithValue("$callbackSecret", app.CallbackSecret is { } callback ? cipher.Seal(app.AppId, callback) : DBNull.Value);
            command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        });
}
