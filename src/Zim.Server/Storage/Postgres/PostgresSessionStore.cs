using Npgsql;

namespace Zim.Server.Storage.Postgres;

/// <summary>Sessions in PostgreSQL, shared by every instance on the database.</summary>
internal sealed class PostgresSessionStore(PostgresDatabase database, TimeProvider clock) : ISessionStore
{
    /// <summary>
    /// The table, created at start with the others (under the same advisory lock). A user leaving by whatever
    /// path takes its sessions with it, in the same statement's transaction and without callbacks.
    /// </summary>
    public const string Table = """
        CREATE TABLE IF NOT EXISTS sessions (
            app_id     bigint NOT NULL,
            session_id text   COLLATE "C" NOT NULL,
            user_id    text   COLLATE "C" NOT NULL,
            user_name  text   NOT NULL,
            os         text   NOT NULL,
            login_time bigint NOT NULL,
            ended_at   bigint,
            end_kind   text,
            relogin    boolean NOT NULL DEFAULT false,
            end_order  bigint  NOT NULL DEFAULT 0,
            PRIMARY KEY (app_id, session_id)
        );
        ALTER TABLE sessions ADD COLUMN IF NOT EXISTS relogin boolean NOT NULL DEFAULT false;
        ALTER TABLE sessions ADD COLUMN IF NOT EXISTS end_order bigint NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (app_id, user_id, login_time);
        CREATE OR REPLACE FUNCTION users_leave_sessions() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            DELETE FROM sessions s USING gone g WHERE s.app_id = g.app_id AND s.user_id = g.user_id;
            RETURN NULL;
        END
        $fn$;
        DROP TRIGGER IF EXISTS users_leave_sessions ON users;
        CREATE TRIGGER users_leave_sessions AFTER DELETE ON users REFERENCING OLD TABLE AS gone
            FOR EACH STATEMENT EXECUTE FUNCTION users_leave_sessions();
        """;

    private const string Columns = "session_id, user_id, user_name, os, login_time, ended_at, end_kind, relogin, end_order";

    // One statement: register the user if new, see whether it had a session in the day before, open this one with
    // the user's stored name (the login's for a user it registers: the statement's parts all read the table as it was before).
    private const string Open = """
        WITH registered AS (
            INSERT INTO users (app_id, user_id, user_name, created_at, updated_at) VALUES ($1, $3, $4, $7, $7)
            ON CONFLICT (app_id, user_id) DO NOTHING
            RETURNING 1
        ), had AS (
            SELECT EXISTS (SELECT 1 FROM sessions WHERE app_id = $1 AND user_id = $3 AND login_time >= $6 - $8) AS relogin,
                   COALESCE((SELECT user_name FROM users WHERE app_id = $1 AND user_id = $3), $4) AS user_name
        ), opened AS (
            INSERT INTO sessions (app_id, session_id, user_id, user_name, os, login_time, relogin)
            SELECT $1, $2, $3, had.user_name, $5, $6, had.relogin FROM had
        )
        SELECT relogin, user_name, EXISTS (SELECT 1 FROM registered) FROM had
        """;

    private const string End = $"""
        WITH ended AS (
            UPDATE sessions t SET ended_at = $3, end_kind = $4,
                end_order = (SELECT coalesce(max(s.end_order), 0) + 1 FROM sessions s WHERE s.app_id = t.app_id AND s.user_id = t.user_id)
            WHERE t.app_id = $1 AND t.session_id = $2 AND t.ended_at IS NULL
            RETURNING {Columns}
        )
        SELECT {Columns}, true FROM ended
        UNION ALL
        SELECT {Columns}, false FROM sessions WHERE app_id = $1 AND session_id = $2 AND NOT EXISTS (SELECT 1 FROM ended)
        """;

    private const string SelectList = $"""
        SELECT {Columns} FROM sessions WHERE app_id = $1 AND ($2::text IS NULL OR user_id = $2)
        ORDER BY login_time DESC, session_id DESC LIMIT $3
        """;

    private const string SelectRecent = $"""
        SELECT {Columns} FROM sessions WHERE app_id = $1 AND user_id = ANY($2) AND (ended_at IS NULL OR ended_at >= $3)
        """;

    public async Task<OpenedSession> OpenAsync(uint appId, SessionRecord session, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(Open);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = session.SessionId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = session.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = session.UserName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = session.Os });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = session.LoginTime });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = SessionRules.ReloginSeconds });
        // Once sent, the statement commits or fails as a whole; a caller leaving must not split it.
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        await reader.ReadAsync(CancellationToken.None);
        return new OpenedSession(session with { Relogin = reader.GetBoolean(0), UserName = reader.GetString(1) }, reader.GetBoolean(2));
    }

    public async Task<EndedSession?> EndAsync(uint appId, string sessionId, string endKind, long at, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(End);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = at });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = endKind });
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        return await reader.ReadAsync(CancellationToken.None) ? new EndedSession(Read(reader), reader.GetBoolean(9)) : null;
    }

    public async Task<IReadOnlyList<SessionRecord>> ListAsync(uint appId, string? userId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(SelectList);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<SessionRecord>> RecentAsync(uint appId, IReadOnlyList<string> userIds, long since, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(SelectRecent);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. userIds] });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<List<SessionRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new List<SessionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(Read(reader));
        }
        return sessions;
    }

    private static SessionRecord Read(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetBoolean(7),
        reader.GetInt64(8));
}
