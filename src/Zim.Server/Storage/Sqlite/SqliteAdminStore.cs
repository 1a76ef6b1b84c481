using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Settings, app removal and user counts in SQLite; writes go through the group-commit writer.</summary>
internal sealed class SqliteAdminStore(SqliteDatabase database) : IAdminStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """;

    private const string InsertSetting = """
        INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO NOTHING;
        """;

    private const string UpsertSetting = """
        INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;
        """;

    private const string SelectSetting = "SELECT value FROM settings WHERE key = $key";

    private const string DeleteUsers = "DELETE FROM users WHERE app_id = $app";

    private const string DeleteApp = "DELETE FROM apps WHERE app_id = $app";

    private const string CountUsers = "SELECT app_id, count(*) FROM users GROUP BY app_id";

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => Execute(connection, transaction, Schema));

    public Task<(string Value, bool Created)> GetOrAddSettingAsync(string key, string value, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var created = Execute(connection, transaction, InsertSetting, ("$key", key), ("$value", value)) == 1;
            using var command = Command(connection, transaction, SelectSetting, ("$key", key));
            return ((string)command.ExecuteScalar()!, created);
        });

    public Task SetSettingAsync(string key, string value, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => Execute(connection, transaction, UpsertSetting, ("$key", key), ("$value", value)));

    public Task<bool> DeleteAppAsync(uint appId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            Execute(connection, transaction, DeleteUsers, ("$app", (long)appId));
            return Execute(connection, transaction, DeleteApp, ("$app", (long)appId)) == 1;
        });

    public Task<IReadOnlyDictionary<uint, long>> CountUsersAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<uint, long>>(async command =>
        {
            command.CommandText = CountUsers;
            var counts = new Dictionary<uint, long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[(uint)reader.GetInt64(0)] = reader.GetInt64(1);
            }
            return counts;
        }, cancellationToken);

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
