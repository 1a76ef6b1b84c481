using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>The tables, created when missing, and the upgrades of files made by earlier releases.</summary>
internal static class SqliteSchema
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS apps (
            app_id        INTEGER PRIMARY KEY,
            server_secret TEXT    NOT NULL,
            name          TEXT    NOT NULL,
            qps_limit     INTEGER NOT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS users (
            app_id      INTEGER NOT NULL,
            user_id     TEXT    NOT NULL,
            user_name   TEXT    NOT NULL DEFAULT '',
            user_avatar TEXT    NOT NULL DEFAULT '',
            extra       TEXT    NOT NULL DEFAULT '',
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (app_id, user_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS health_probe (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL
        );
        """;

    // Columns added after the first release: a file created before them gains them at start.
    private const string HasRotationColumns = "SELECT count(*) FROM pragma_table_info('apps') WHERE name = 'previous_secret'";

    private const string AddRotationColumns = """
        ALTER TABLE apps ADD COLUMN previous_secret TEXT;
        ALTER TABLE apps ADD COLUMN previous_until INTEGER NOT NULL DEFAULT 0;
        """;

    /// <summary>Creates what is missing, inside the writer's transaction; safe at every start.</summary>
    public static void CreateOrUpgrade(SqliteConnection connection, SqliteTransaction transaction)
    {
        Execute(connection, transaction, Tables);
        Execute(connection, transaction, SqliteSessionStore.Table);
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = HasRotationColumns;
        if ((long)check.ExecuteScalar()! == 0)
        {
            Execute(connection, transaction, AddRotationColumns);
        }
    }

    public static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
