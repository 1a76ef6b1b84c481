using Npgsql;
using Zim.Server.Apps;

namespace Zim.Server.Storage.Postgres;

/// <summary>Apps in PostgreSQL, shared by every instance.</summary>
internal sealed class PostgresAppStore(PostgresDatabase database, TimeProvider clock) : IAppStore
{
    private const string SelectApps = """
        SELECT app_id, server_secret, name, qps_limit, previous_secret, previous_until FROM apps ORDER BY app_id
        """;

    private const string UpsertApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, created_at, previous_secret, previous_until)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (app_id) DO UPDATE
        SET server_secret = excluded.server_secret, name = excluded.name, qps_limit = excluded.qps_limit,
            previous_secret = excluded.previous_secret, previous_until = excluded.previous_until
        """;

    // The table lock makes "only if there is none" hold when several instances start at once.
    private const string LockApps = "LOCK TABLE apps IN SHARE ROW EXCLUSIVE MODE";

    private const string InsertFirstApp = """
        INSERT INTO apps (app_id, server_secret, name, qps_limit, created_at, previous_secret, previous_until)
        SELECT $1, $2, $3, $4, $5, $6, $7
        WHERE NOT EXISTS (SELECT 1 FROM apps)
        """;

    public async Task<IReadOnlyList<AppRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(SelectApps);
        return await AppRows.ReadAsync(command, cancellationToken);
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

    private void AddParameters(NpgsqlParameterCollection parameters, AppRecord app)
    {
        parameters.Add(new NpgsqlParameter<long> { TypedValue = app.AppId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = app.ServerSecret });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = app.Name });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = app.QpsLimit });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)app.PreviousSecret ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = app.PreviousSecretUntil });
    }
}
