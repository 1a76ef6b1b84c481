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
        CREATE TABLE IF NOT EXISTS blocklist (
            app_id     INTEGER NOT NULL,
            owner_id   TEXT    NOT NULL,
            blocked_id TEXT    NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (app_id, owner_id, blocked_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS blocklist_newest ON blocklist (app_id, owner_id, updated_at DESC, blocked_id);
        CREATE INDEX IF NOT EXISTS blocklist_blocked ON blocklist (app_id, blocked_id);
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

    private const string HasCallbackColumns = "SELECT count(*) FROM pragma_table_info('apps') WHERE name = 'callback_url'";

    private const string AddCallbackColumns = """
        ALTER TABLE apps ADD COLUMN callback_url TEXT;
        ALTER TABLE apps ADD COLUMN callback_secret TEXT;
        ALTER TABLE apps ADD COLUMN limits TEXT;
        """;

    private const string HasBotColumn = "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'is_bot'";

    private const string AddBotColumn = "ALTER TABLE users ADD COLUMN is_bot INTEGER NOT NULL DEFAULT 0;";

    // A user leaving, by whatever path (one deletion, an app's reset, the app's removal), takes the blocklist
    // rows that name it with it, in the same transaction.
    private const string Triggers = """
        CREATE TRIGGER IF NOT EXISTS users_leave_blocklist AFTER DELETE ON users
        BEGIN
            DELETE FROM blocklist WHERE app_id = old.app_id AND owner_id = old.user_id;
            DELETE FROM blocklist WHERE app_id = old.app_id AND blocked_id = old.user_id;
        END;
        """;

    /// <summary>Creates what is missing, inside the writer's transaction; safe at every start.</summary>
    public static void CreateOrUpgrade(SqliteConnection connection, SqliteTransaction transaction)
    {
        Execute(connection, transaction, Tables);
        Execute(connection, transaction, SqliteSessionStore.Table);
        Execute(connection, transaction, SqliteFriendSchema.Tables);
        AddMissing(connection, transaction, HasRotationColumns, AddRotationColumns);
        AddMissing(connection, transaction, HasBotColumn, AddBotColumn);
        AddMissing(connection, transaction, HasCallbackColumns, AddCallbackColumns);
        AddMissing(connection, transaction, SqliteSessionStore.HasReloginColumn, SqliteSessionStore.AddReloginColumn);
        Execute(connection, transaction, Triggers);
    }

    private static void AddMissing(SqliteConnection connection, SqliteTransaction transaction, string has, string add)
    {
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = has;
        if ((long)check.ExecuteScalar()! == 0)
        {
            Execute(connection, transaction, add);
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
