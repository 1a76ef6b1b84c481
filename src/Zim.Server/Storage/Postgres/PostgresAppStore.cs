using Npgsql;
using Zim.Server.Apps;

namespace Zim.Server.Storage.Postgres;

/// <summary>Apps in PostgreSQL, shared by every instance, their secrets sealed.</summary>
internal sealed class PostgresAppStore(PostgresDatabase database, ISecretSeal cipher, TimeProvider clock) : IAppStore
{
    private const string SelectApps = """
        SELECT app_id, server_secret, name, qps_limit, previous_secret, previous_until, callback_url, callback_secret FROM apps ORDER BY app_id
        """;

    private const string UpsertApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, created_at, previous_secret, previous_until, callback_url, callback_secret)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (app_id) DO UPDATE
        SET server_secret = excluded.server_secret, name = excluded.name, qps_limit = excluded.qps_limit,
            previous_secret = excluded.previous_secret, previous_until = excluded.previous_until,
            callback_url = excluded.callback_url, callback_secret = excluded.callback_secret
        """;

    // The table lock makes "only if there is none" hold when several instances start at once.
    private const string LockApps = "LOCK TABLE apps IN SHARE ROW EXCLUSIVE MODE";

    private const string InsertFirstApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, created_at, previous_secret, previous_until, callback_url, callback_secret)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
        WHERE NOT EXISTS (SELECT 1 FROM apps)
        """;

    // Rewrites the table without the dead row versions that still hold the replaced values (the table is a
    // few rows; the lock it takes lasts milliseconds).
    private const string RewriteApps = "VACUUM FULL apps";

    private const string ReplaceSecrets = """
        UPDATE apps SET server_secret = $2, previous_secret = $3, callback_secret = $6
        WHERE app_id = $1 AND server_secret = $4 AND previous_secret IS NOT DISTINCT FROM $5 AND callback_secret IS NOT DISTINCT FROM $7
        """;

    public async Task<IReadOnlyList<AppRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(SelectApps);
        return await AppRows.ReadAsync(command, cipher, cancellationToken);
    }

    public async Task UpsertAsync(AppRecord app, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(UpsertApp);
        AddParameters(command.Parameters, app);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> CreateIfNoneAsync(AppRecord app, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LockApps));
        var insert = new NpgsqlBatchCommand(InsertFirstApp);
        AddParameters(insert.Parameters, app);
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return insert.RecordsAffected == 1;
    }

    public async Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(SelectApps);
        return await AppRows.ReadStoredAsync(command, cancellationToken);
    }

    public async Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(ReplaceSecrets);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.AppId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = replacement.ServerSecret });
        command.Parameters.Add(NullableText(replacement.PreviousSecret));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = expected.ServerSecret });
        command.Parameters.Add(NullableText(expected.PreviousSecret));
        command.Parameters.Add(NullableText(replacement.CallbackSecret));
        command.Parameters.Add(NullableText(expected.CallbackSecret));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task PurgeReplacedSecretsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(RewriteApps);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddParameters(NpgsqlParameterCollection parameters, AppRecord app)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = app.AppId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = cipher.Seal(app.AppId, app.ServerSecret) });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = app.Name });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = app.QpsLimit });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        parameters.Add(NullableText(app.PreviousSecret is { } previous ? cipher.Seal(app.AppId, previous) : null));
        parameters.Add(new NpgsqlParameter<long> { TypedValue = app.PreviousSecretUntil });
        parameters.Add(NullableText(app.CallbackUrl?.ToString()));
        parameters.Add(NullableText(app.CallbackSecret is { } callback ? cipher.Seal(app.AppId, callback) : null));
    }

    private static NpgsqlParameter NullableText(string? value) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
