using Npgsql;

namespace Zim.Server.Storage.Postgres;

/// <summary>Settings, app removal and user counts in PostgreSQL, shared by every instance.</summary>
internal sealed class PostgresAdminStore(PostgresDatabase database) : IAdminStore
{
    // The same advisory lock as the main schema, so that instances starting together do not collide.
    private const string Schema = """
        SELECT pg_advisory_xact_lock(740601);
        CREATE TABLE IF NOT EXISTS settings (
            key   text PRIMARY KEY,
            value text NOT NULL
        );
        """;

    private const string InsertSetting = """
        INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value
        """;

    private const string UpsertSetting = """
        INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """;

    private const string SelectSetting = "SELECT value FROM settings WHERE key = $1";

    private const string DeleteApp = """
        WITH gone AS (DELETE FROM users WHERE app_id = $1)
        DELETE FROM apps WHERE app_id = $1
        """;

    private const string CountUsers = "SELECT app_id, count(*) FROM users GROUP BY app_id";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Schema, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<(string Value, bool Created)> GetOrAddSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var insert = database.DataSource.CreateCommand(InsertSetting);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        if (await insert.ExecuteScalarAsync(cancellationToken) is string created)
        {
            return (created, true);
        }
        await using var select = database.DataSource.CreateCommand(SelectSetting);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return ((string)(await select.ExecuteScalarAsync(cancellationToken))!, false);
    }

    public async Task SetSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(UpsertSetting);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAppAsync(uint appId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(DeleteApp);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        return await command.ExecuteNonQueryAsync(CancellationToken.None) == 1;
    }

    public async Task<IReadOnlyDictionary<uint, long>> CountUsersAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(CountUsers);
        var counts = new Dictionary<uint, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(uint)reader.GetInt64(0)] = reader.GetInt64(1);
        }
        return counts;
    }
}
