using System.Data;
using Npgsql;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage.Postgres;

/// <summary>
/// Friend lists and applications in PostgreSQL. A change locks the user rows of the owner and of every
/// registered target, in UserId order (so that two changes sharing users never wait for each other in a
/// circle), across every instance; a user deleted meanwhile waits for it and then takes its rows away (the
/// users table's trigger). The changes then go in one round trip and one transaction.
/// </summary>
internal sealed class PostgresFriendStore(PostgresDatabase database) : IFriendStore
{
    /// <summary>The tables and the trigger, created at start with the others (under the same advisory lock).</summary>
    public const string Table = """
        CREATE TABLE IF NOT EXISTS friends (
            app_id     bigint NOT NULL,
            owner_id   text   COLLATE "C" NOT NULL,
            friend_id  text   COLLATE "C" NOT NULL,
            alias      text   NOT NULL,
            attributes text   NOT NULL,
            wording    text   NOT NULL,
            created_at bigint NOT NULL,
            PRIMARY KEY (app_id, owner_id, friend_id)
        );
        CREATE INDEX IF NOT EXISTS friends_newest ON friends (app_id, owner_id, created_at DESC, friend_id);
        CREATE INDEX IF NOT EXISTS friends_friend ON friends (app_id, friend_id);
        CREATE TABLE IF NOT EXISTS friend_applications (
            app_id     bigint  NOT NULL,
            from_id    text    COLLATE "C" NOT NULL,
            to_id      text    COLLATE "C" NOT NULL,
            wording    text    NOT NULL,
            alias      text    NOT NULL,
            attributes text    NOT NULL,
            state      integer NOT NULL,
            created_at bigint  NOT NULL,
            updated_at bigint  NOT NULL,
            expires_at bigint  NOT NULL,
            PRIMARY KEY (app_id, from_id, to_id)
        );
        CREATE INDEX IF NOT EXISTS friend_applications_to ON friend_applications (app_id, to_id);
        CREATE OR REPLACE FUNCTION users_leave_friends() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            DELETE FROM friends f USING gone g WHERE f.app_id = g.app_id AND f.owner_id = g.user_id;
            DELETE FROM friends f USING gone g WHERE f.app_id = g.app_id AND f.friend_id = g.user_id;
            DELETE FROM friend_applications a USING gone g WHERE a.app_id = g.app_id AND a.from_id = g.user_id;
            DELETE FROM friend_applications a USING gone g WHERE a.app_id = g.app_id AND a.to_id = g.user_id;
            RETURN NULL;
        END
        $fn$;
        DROP TRIGGER IF EXISTS users_leave_friends ON users;
        CREATE TRIGGER users_leave_friends AFTER DELETE ON users REFERENCING OLD TABLE AS gone
            FOR EACH STATEMENT EXECUTE FUNCTION users_leave_friends();
        """;

    // $1 app, $2 owner, $3 the owner and its targets: locked in one fixed order, the locks taken as the sorted rows come.
    private const string LockUsers = "SELECT user_id FROM users WHERE app_id = $1 AND user_id = ANY($3) ORDER BY user_id FOR NO KEY UPDATE";

    private const string LockOwner = "SELECT user_id FROM users WHERE app_id = $1 AND user_id = $2 FOR NO KEY UPDATE";

    private const string SelectOwner = "SELECT user_id FROM users WHERE app_id = $1 AND user_id = $2";

    private const string CountFriends = "SELECT count(*) FROM friends WHERE app_id = $1 AND owner_id = $2";

    private const string SelectState = """
        SELECT u.user_id,
            (SELECT f.attributes FROM friends f WHERE f.app_id = $1 AND f.owner_id = $2 AND f.friend_id = u.user_id),
            EXISTS (SELECT 1 FROM friends f WHERE f.app_id = $1 AND f.owner_id = u.user_id AND f.friend_id = $2),
            (SELECT count(*) FROM friends f WHERE f.app_id = $1 AND f.owner_id = u.user_id)
        FROM users u WHERE u.app_id = $1 AND u.user_id = ANY($3)
        """;

    private const string InsertFriend = """
        INSERT INTO friends (app_id, owner_id, friend_id, alias, attributes, wording, created_at) VALUES ($1, $3, $4, $5, $6, $7, $8)
        """;

    private const string DeleteFriend = "DELETE FROM friends WHERE app_id = $1 AND owner_id = $3 AND friend_id = $4";

    private const string SetAlias = "UPDATE friends SET alias = $4 WHERE app_id = $1 AND owner_id = $2 AND friend_id = $3";

    private const string SetAttributes = "UPDATE friends SET attributes = $4 WHERE app_id = $1 AND owner_id = $2 AND friend_id = $3";

    // Sending again while the application waits keeps its CreateTime; an accepted or expired one starts anew.
    private const string UpsertApplication = """
        INSERT INTO friend_applications AS a (app_id, from_id, to_id, wording, alias, attributes, state, created_at, updated_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9)
        ON CONFLICT (app_id, from_id, to_id) DO UPDATE SET
            created_at = CASE WHEN a.state = 1 AND a.expires_at > $10 THEN a.created_at ELSE excluded.created_at END,
            wording = excluded.wording, alias = excluded.alias, attributes = excluded.attributes, state = 1,
            updated_at = excluded.updated_at, expires_at = excluded.expires_at
        """;

    private const string Accept = """
        UPDATE friend_applications SET state = 2, updated_at = $4
        WHERE app_id = $1 AND state = 1 AND expires_at > $4
            AND ((from_id = $2 AND to_id = $3) OR (from_id = $3 AND to_id = $2))
        """;

    private const string DeleteReverse = """
        DELETE FROM friends WHERE app_id = $1 AND friend_id = $2
            AND owner_id IN (SELECT friend_id FROM friends WHERE app_id = $1 AND owner_id = $2)
        """;

    private const string DeleteOwn = "DELETE FROM friends WHERE app_id = $1 AND owner_id = $2";

    private const string SelectPage = """
        SELECT f.friend_id, u.user_name, u.user_avatar, f.wording, f.alias, f.created_at, f.attributes
        FROM friends f JOIN users u ON u.app_id = f.app_id AND u.user_id = f.friend_id
        WHERE f.app_id = $1 AND f.owner_id = $2
        ORDER BY f.created_at DESC, f.friend_id
        LIMIT $3 OFFSET $4
        """;

    private const string ApplicationColumns = "SELECT from_id, to_id, wording, alias, state, created_at, updated_at, expires_at FROM friend_applications";

    private const string SelectSent = ApplicationColumns + " WHERE app_id = $1 AND from_id = $2 ORDER BY updated_at DESC, to_id";

    private const string SelectReceived = ApplicationColumns + " WHERE app_id = $1 AND to_id = $2 ORDER BY updated_at DESC, from_id";

    public async Task<T?> ChangeAsync<T>(uint appId, string ownerId, IReadOnlyList<string> targets, long now, Func<FriendState, FriendChanges, T> plan,
        CancellationToken cancellationToken)
        where T : class
    {
        await using var at = await Scope.BeginAsync(database, appId, ownerId, IsolationLevel.ReadCommitted, cancellationToken);
        var locked = await at.IdsAsync(LockUsers, [ownerId, .. targets]);
        if (!locked.Contains(ownerId))
        {
            return null;
        }
        // Only the locked targets count as registered: one registered since is not held, so it is not changed.
        var changes = new FriendChanges(now);
        var result = plan(await at.StateAsync([.. targets.Where(locked.Contains)]), changes);
        await at.WriteAsync(changes);
        await at.CommitAsync();
        return result;
    }

    public async Task<T?> ReadAsync<T>(uint appId, string ownerId, IReadOnlyList<string> targets, Func<FriendState, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var at = await Scope.BeginAsync(database, appId, ownerId, IsolationLevel.RepeatableRead, cancellationToken);
        return await at.ScalarAsync(SelectOwner) is null ? null : read(await at.StateAsync(targets));
    }

    public async Task<bool> DeleteAllAsync(uint appId, string ownerId, bool twoWay, CancellationToken cancellationToken)
    {
        await using var at = await Scope.BeginAsync(database, appId, ownerId, IsolationLevel.ReadCommitted, cancellationToken);
        if (await at.ScalarAsync(LockOwner) is null)
        {
            return false;
        }
        if (twoWay)
        {
            await at.ScalarAsync(DeleteReverse);
        }
        await at.ScalarAsync(DeleteOwn);
        await at.CommitAsync();
        return true;
    }

    public async Task<FriendPage?> QueryAsync(uint appId, string ownerId, long skip, int limit, CancellationToken cancellationToken)
    {
        await using var at = await Scope.BeginAsync(database, appId, ownerId, IsolationLevel.RepeatableRead, cancellationToken);
        if (await at.ScalarAsync(SelectOwner) is null)
        {
            return null;
        }
        var total = (long)(await at.ScalarAsync(CountFriends))!;
        await using var command = at.Command(SelectPage, limit, skip);
        var friends = new List<Friend>(limit);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                friends.Add(new Friend(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5), StorageJson.Attributes(reader.GetString(6))));
            }
        }
        return new FriendPage(total, friends);
    }

    public async Task<(IReadOnlyList<ApplicationRecord> Sent, IReadOnlyList<ApplicationRecord> Received)?> ApplicationsAsync(uint appId, string userId,
        CancellationToken cancellationToken)
    {
        await using var at = await Scope.BeginAsync(database, appId, userId, IsolationLevel.RepeatableRead, cancellationToken);
        if (await at.ScalarAsync(SelectOwner) is null)
        {
            return null;
        }
        return (await at.ApplicationsAsync(SelectSent), await at.ApplicationsAsync(SelectReceived));
    }

    /// <summary>One call's transaction about one owner; <c>$1</c> is always the app and <c>$2</c> the owner.</summary>
    private sealed class Scope(NpgsqlConnection connection, NpgsqlTransaction transaction, uint appId, string ownerId) : IAsyncDisposable
    {
        public static async Task<Scope> BeginAsync(PostgresDatabase database, uint appId, string ownerId, IsolationLevel isolation,
            CancellationToken cancellationToken)
        {
            var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            return new Scope(connection, await connection.BeginTransactionAsync(isolation, cancellationToken), appId, ownerId);
        }

        public NpgsqlCommand Command(string sql, params object[] values)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            Bind(command.Parameters, values);
            return command;
        }

        public async Task<object?> ScalarAsync(string sql)
        {
            await using var command = Command(sql);
            return await command.ExecuteScalarAsync(CancellationToken.None);
        }

        public async Task<HashSet<string>> IdsAsync(string sql, string[] ids)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            await using var command = Command(sql, (object)ids);
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                found.Add(reader.GetString(0));
            }
            return found;
        }

        public async Task<FriendState> StateAsync(IReadOnlyList<string> targets)
        {
            var pairs = new Dictionary<string, FriendPair>(StringComparer.Ordinal);
            if (targets.Count > 0)
            {
                await using var command = Command(SelectState, (object)targets.ToArray());
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var mine = reader.IsDBNull(1) ? null : StorageJson.Attributes(reader.GetString(1));
                    pairs[reader.GetString(0)] = new FriendPair(mine, reader.GetBoolean(2), reader.GetInt64(3));
                }
            }
            return new FriendState((long)(await ScalarAsync(CountFriends))!, pairs);
        }

        /// <summary>Every change in one batch: one round trip.</summary>
        public async Task WriteAsync(FriendChanges changes)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var row in changes.Inserts)
            {
                Add(batch, InsertFriend, row.Owner, row.Friend, row.Alias, StorageJson.Attributes(row.Attributes), row.Wording, row.CreatedAt);
            }
            foreach (var (from, to) in changes.Deletes)
            {
                Add(batch, DeleteFriend, from, to);
            }
            foreach (var (to, alias) in changes.Aliases)
            {
                Add(batch, SetAlias, to, alias);
            }
            foreach (var (to, attributes) in changes.Attributes)
            {
                Add(batch, SetAttributes, to, StorageJson.Attributes(attributes));
            }
            foreach (var application in changes.Applications)
            {
                Add(batch, UpsertApplication, application.To, application.Wording, application.Alias, StorageJson.Attributes(application.Attributes),
                    application.CreatedAt, application.UpdatedAt, application.ExpiresAt, changes.Now);
            }
            foreach (var to in changes.Accepts)
            {
                Add(batch, Accept, to, changes.Now);
            }
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        public async Task<List<ApplicationRecord>> ApplicationsAsync(string sql)
        {
            await using var command = Command(sql);
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            var found = new List<ApplicationRecord>();
            while (await reader.ReadAsync(CancellationToken.None))
            {
                found.Add(new ApplicationRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
            }
            return found;
        }

        // Once begun, a change is committed or rolled back whole; a caller leaving must not split it.
        public Task CommitAsync() => transaction.CommitAsync(CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }

        private void Add(NpgsqlBatch batch, string sql, params object[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            Bind(command.Parameters, values);
            batch.BatchCommands.Add(command);
        }

        private void Bind(NpgsqlParameterCollection parameters, object[] values)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = ownerId });
            foreach (var value in values)
            {
                parameters.Add(new NpgsqlParameter { Value = value });
            }
        }
    }
}
