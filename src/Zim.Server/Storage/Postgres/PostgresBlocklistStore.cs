using Npgsql;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage.Postgres;

/// <summary>
/// Blocklists in PostgreSQL. A change locks the owner's user row first, so that the changes of one owner's list
/// run one at a time across every instance, and a block holds its targets' rows (FOR KEY SHARE), so that a user
/// deleted meanwhile waits for it and then takes its row away (the users table's trigger); the primary key
/// still decides a race on one pair.
/// </summary>
internal sealed class PostgresBlocklistStore(PostgresDatabase database, TimeProvider clock) : IBlocklistStore
{
    private const string LockOwner = "SELECT 1 FROM users WHERE app_id = $1 AND user_id = $2 FOR NO KEY UPDATE";

    private const string SelectOwner = "SELECT 1 FROM users WHERE app_id = $1 AND user_id = $2";

    private const string SelectRegistered = "SELECT user_id FROM users WHERE app_id = $1 AND user_id = ANY($3)";

    private const string HoldRegistered = SelectRegistered + " FOR KEY SHARE";

    private const string SelectBlocked = "SELECT blocked_id FROM blocklist WHERE app_id = $1 AND owner_id = $2 AND blocked_id = ANY($3)";

    private const string CountBlocked = "SELECT count(*) FROM blocklist WHERE app_id = $1 AND owner_id = $2";

    private const string InsertBlocked = """
        INSERT INTO blocklist (app_id, owner_id, blocked_id, updated_at)
        SELECT $1, $2, b, $4 FROM unnest($3::text[]) AS b
        ON CONFLICT DO NOTHING
        """;

    private const string DeleteBlocked = "DELETE FROM blocklist WHERE app_id = $1 AND owner_id = $2 AND blocked_id = ANY($3)";

    // The offset walks the index alone; only the page's users are then read (as the friend list's page is).
    private const string SelectPage = """
        SELECT p.blocked_id, u.user_name, u.user_avatar, p.updated_at
        FROM (SELECT blocked_id, updated_at FROM blocklist WHERE app_id = $1 AND owner_id = $2
              ORDER BY updated_at DESC, blocked_id LIMIT $3 OFFSET $4) p
        JOIN users u ON u.app_id = $1 AND u.user_id = p.blocked_id
        ORDER BY p.updated_at DESC, p.blocked_id
        """;

    public async Task<BlockOutcome[]?> AddAsync(uint appId, string ownerId, IReadOnlyList<string> targets, int maxBlocked, CancellationToken cancellationToken)
    {
        await using var at = await Scope.BeginAsync(database, appId, ownerId, LockOwner, cancellationToken);
        if (at is null)
        {
            return null;
        }
        var toInsert = new List<string>();
        var outcomes = BlockPlan.Add(targets, await at.IdsAsync(HoldRegistered, targets), await at.IdsAsync(SelectBlocked, targets),
            await at.CountAsync(CountBlocked), maxBlocked, toInsert);
        await at.ExecuteAsync(InsertBlocked, toInsert, clock.GetUtcNow().ToUnixTimeMilliseconds());
        await at.CommitAsync();
        return outcomes;
    }

    public async Task<BlockOutcome[]?> RemoveAsync(uint appId, string ownerId, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        await using var at = await Scope.BeginAsync(database, appId, ownerId, LockOwner, cancellationToken);
        if (at is null)
        {
            return null;
        }
        var toDelete = new List<string>();
        var outcomes = BlockPlan.Remove(targets, await at.IdsAsync(SelectBlocked, targets), toDelete);
        await at.ExecuteAsync(DeleteBlocked, toDelete, null);
        await at.CommitAsync();
        return outcomes;
    }

    public async Task<BlockOutcome[]?> CheckAsync(uint appId, string ownerId, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        await using var at = await Scope.BeginAsync(database, appId, ownerId, SelectOwner, cancellationToken);
        return at is null ? null : BlockPlan.Check(targets, await at.IdsAsync(SelectRegistered, targets), await at.IdsAsync(SelectBlocked, targets));
    }

    public async Task<BlocklistPage?> QueryAsync(uint appId, string ownerId, long skip, int limit, CancellationToken cancellationToken)
    {
        // Repeatable read: the count and the page come from the same snapshot.
        await using var at = await Scope.BeginAsync(database, appId, ownerId, SelectOwner, cancellationToken, System.Data.IsolationLevel.RepeatableRead);
        if (at is null)
        {
            return null;
        }
        var total = await at.CountAsync(CountBlocked);
        await using var command = at.Command(SelectPage);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = skip });
        var users = new List<BlockedUser>(limit);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                users.Add(new BlockedUser(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }
        return new BlocklistPage(total, users);
    }

    /// <summary>One call's transaction about one owner's list, begun once the owner is found (or locked).</summary>
    private sealed class Scope(NpgsqlConnection connection, NpgsqlTransaction transaction, uint appId, string ownerId) : IAsyncDisposable
    {
        public static async Task<Scope?> BeginAsync(PostgresDatabase database, uint appId, string ownerId, string findOwner,
            CancellationToken cancellationToken, System.Data.IsolationLevel isolation = System.Data.IsolationLevel.ReadCommitted)
        {
            var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            var scope = new Scope(connection, await connection.BeginTransactionAsync(isolation, cancellationToken), appId, ownerId);
            await using var find = scope.Command(findOwner);
            if (await find.ExecuteScalarAsync(cancellationToken) is null)
            {
                await scope.DisposeAsync();
                return null;
            }
            return scope;
        }

        public NpgsqlCommand Command(string sql)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ownerId });
            return command;
        }

        public async Task<long> CountAsync(string sql)
        {
            await using var command = Command(sql);
            return (long)(await command.ExecuteScalarAsync(CancellationToken.None))!;
        }

        public async Task<HashSet<string>> IdsAsync(string sql, IReadOnlyList<string> ids)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            if (ids.Count == 0)
            {
                return found;
            }
            await using var command = Command(sql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                found.Add(reader.GetString(0));
            }
            return found;
        }

        public async Task ExecuteAsync(string sql, List<string> ids, long? now)
        {
            if (ids.Count == 0)
            {
                return;
            }
            await using var command = Command(sql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids.ToArray() });
            if (now is { } value)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
            }
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        // Once begun, a change is committed or rolled back whole; a caller leaving must not split it.
        public Task CommitAsync() => transaction.CommitAsync(CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
