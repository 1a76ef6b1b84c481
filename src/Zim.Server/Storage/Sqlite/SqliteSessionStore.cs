using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Sessions in SQLite: writes through the writer's group commit, reads on pooled readers.</summary>
internal sealed class SqliteSessionStore(SqliteDatabase database, TimeProvider clock) : ISessionStore
{
    /// <summary>
    /// The table, created at start with the others. A user leaving by whatever path (deleted, its app reset or
    /// removed) takes its sessions with it, in the same transaction and without callbacks.
    /// </summary>
    public const string Table = """
        CREATE TABLE IF NOT EXISTS sessions (
            app_id     INTEGER NOT NULL,
            session_id TEXT    NOT NULL,
            user_id    TEXT    NOT NULL,
            user_name  TEXT    NOT NULL,
            os         TEXT    NOT NULL,
            login_time INTEGER NOT NULL,
            ended_at   INTEGER,
            end_kind   TEXT,
            relogin    INTEGER NOT NULL DEFAULT 0,
            end_order  INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (app_id, session_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (app_id, user_id, login_time);
        CREATE TRIGGER IF NOT EXISTS users_leave_sessions AFTER DELETE ON users
        BEGIN
            DELETE FROM sessions WHERE app_id = old.app_id AND user_id = old.user_id;
        END;
        """;

    private const string Columns = "session_id, user_id, user_name, os, login_time, ended_at, end_kind, relogin, end_order";

    /// <summary>A file made before sessions kept their relogin flag and end order gains them at start.</summary>
    public const string HasReloginColumn = "SELECT count(*) FROM pragma_table_info('sessions') WHERE name = 'relogin'";

    public const string AddReloginColumn = """
        ALTER TABLE sessions ADD COLUMN relogin INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sessions ADD COLUMN end_order INTEGER NOT NULL DEFAULT 0;
        """;

    private const string StoredName = "SELECT user_name FROM users WHERE app_id = $app AND user_id = $user";

    private const string RegisterUser = """
        INSERT INTO users (app_id, user_id, user_name, created_at, updated_at) VALUES ($app, $user, $name, $now, $now)
        ON CONFLICT (app_id, user_id) DO NOTHING
        """;

    private const string HadSession = "SELECT EXISTS (SELECT 1 FROM sessions WHERE app_id = $app AND user_id = $user AND login_time >= $since)";

    private const string Insert = """
        INSERT INTO sessions (app_id, session_id, user_id, user_name, os, login_time, relogin) VALUES ($app, $session, $user, $name, $os, $login, $relogin)
        """;

    private const string End = """
        UPDATE sessions SET ended_at = $at, end_kind = $kind,
            end_order = (SELECT coalesce(max(s.end_order), 0) + 1 FROM sessions s WHERE s.app_id = sessions.app_id AND s.user_id = sessions.user_id)
        WHERE app_id = $app AND session_id = $session AND ended_at IS NULL
        """;

    private const string SelectOne = $"SELECT {Columns} FROM sessions WHERE app_id = $app AND session_id = $session";

    private const string SelectList = $"""
        SELECT {Columns} FROM sessions WHERE app_id = $app AND ($user IS NULL OR user_id = $user)
        ORDER BY login_time DESC, session_id DESC LIMIT $limit
        """;

    private const string SelectRecent = $"""
        SELECT {Columns} FROM sessions
        WHERE app_id = $app AND user_id IN (SELECT value FROM json_each($users)) AND (ended_at IS NULL OR ended_at >= $since)
        """;

    public Task<OpenedSession> OpenAsync(uint appId, SessionRecord session, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var registered = Run(connection, transaction, RegisterUser, ("$app", appId), ("$user", session.UserId), ("$name", session.UserName),
                ("$now", clock.GetUtcNow().ToUnixTimeMilliseconds())) == 1;
            using var had = Command(connection, transaction, HadSession, ("$app", appId), ("$user", session.UserId), ("$since", session.LoginTime - SessionRules.ReloginSeconds));
            using var name = Command(connection, transaction, StoredName, ("$app", appId), ("$user", session.UserId));
            var opened = session with { UserName = (string)name.ExecuteScalar()!, Relogin = (long)had.ExecuteScalar()! == 1 };
            Run(connection, transaction, Insert, ("$app", appId), ("$session", opened.SessionId), ("$user", opened.UserId),
                ("$name", opened.UserName), ("$os", opened.Os), ("$login", opened.LoginTime), ("$relogin", opened.Relogin));
            return new OpenedSession(opened, registered);
        });

    public Task<EndedSession?> EndAsync(uint appId, string sessionId, string endKind, long at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            var ended = Run(connection, transaction, End, ("$app", appId), ("$session", sessionId), ("$at", at), ("$kind", endKind)) == 1;
            using var select = Command(connection, transaction, SelectOne, ("$app", appId), ("$session", sessionId));
            using var reader = select.ExecuteReader();
            return reader.Read() ? new EndedSession(Read(reader), ended) : null;
        });

    public Task<IReadOnlyList<SessionRecord>> ListAsync(uint appId, string? userId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SessionRecord>>(connection =>
        {
            using var command = Command(connection, null, SelectList, ("$app", appId), ("$user", userId), ("$limit", limit));
            return ReadAll(command);
        }, cancellationToken);

    public Task<IReadOnlyList<SessionRecord>> RecentAsync(uint appId, IReadOnlyList<string> userIds, long since, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SessionRecord>>(connection =>
        {
            using var command = Command(connection, null, SelectRecent, ("$app", appId),
                ("$users", JsonSerializer.Serialize(userIds, StorageJson.Default.IReadOnlyListString)), ("$since", since));
            return ReadAll(command);
        }, cancellationToken);

    private static List<SessionRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var sessions = new List<SessionRecord>();
        while (reader.Read())
        {
            sessions.Add(Read(reader));
        }
        return sessions;
    }

    private static SessionRecord Read(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetBoolean(7),
        reader.GetInt64(8));

    private static int Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value switch { null => DBNull.Value, uint u => (long)u, _ => value });
        }
        return command;
    }
}
