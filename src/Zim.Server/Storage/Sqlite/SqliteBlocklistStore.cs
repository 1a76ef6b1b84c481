using System.Text.Json;
using Microsoft.Data.Sqlite;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Blocklists in SQLite. Changes run in the writer, one at a time, so that each reads and changes an owner's
/// list with nothing in between; checks and pages read beside it.
/// </summary>
internal sealed class SqliteBlocklistStore(SqliteDatabase database, TimeProvider clock) : IBlocklistStore
{
    private const string SelectOwner = "SELECT count(*) FROM users WHERE app_id = $app AND user_id = $owner";

    private const string SelectRegistered = """
        SELECT user_id FROM users WHERE app_id = $app AND user_id IN (SELECT value FROM json_each($ids))
        """;

    private const string SelectBlocked = """
        SELECT blocked_id FROM blocklist
        WHERE app_id = $app AND owner_id = $owner AND blocked_id IN (SELECT value FROM json_each($ids))
        """;

    private const string CountBlocked = "SELECT count(*) FROM blocklist WHERE app_id = $app AND owner_id = $owner";

    private const string InsertBlocked = """
        INSERT INTO blocklist (app_id, owner_id, blocked_id, updated_at)
        SELECT $app, $owner, value, $now FROM json_each($ids)
        """;

    private const string DeleteBlocked = """
        DELETE FROM blocklist WHERE app_id = $app AND owner_id = $owner AND blocked_id IN (SELECT value FROM json_each($ids))
        """;

    // The offset walks the index alone; only the page's users are then read (as the friend list's page is).
    private const string SelectPage = """
        SELECT p.blocked_id, u.user_name, u.user_avatar, p.updated_at
        FROM (SELECT blocked_id, updated_at FROM blocklist WHERE app_id = $app AND owner_id = $owner
              ORDER BY updated_at DESC, blocked_id LIMIT $limit OFFSET $skip) p
        JOIN users u ON u.app_id = $app AND u.user_id = p.blocked_id
        ORDER BY p.updated_at DESC, p.blocked_id
        """;

    public Task<BlockOutcome[]?> AddAsync(uint appId, string ownerId, IReadOnlyList<string> targets, int maxBlocked, CancellationToken cancellationToken) =>
        database.WriteAsync<BlockOutcome[]?>((connection, transaction) =>
        {
            var at = new Scope(connection, transaction, appId, ownerId);
            if (!at.OwnerExists())
            {
                return null;
            }
            var toInsert = new List<string>();
            var outcomes = BlockPlan.Add(targets, at.Ids(SelectRegistered, targets), at.Ids(SelectBlocked, targets), at.Count(CountBlocked), maxBlocked, toInsert);
            at.Execute(InsertBlocked, toInsert, clock.GetUtcNow().ToUnixTimeMilliseconds());
            return outcomes;
        });

    public Task<BlockOutcome[]?> RemoveAsync(uint appId, string ownerId, IReadOnlyList<string> targets, CancellationToken cancellationToken) =>
        database.WriteAsync<BlockOutcome[]?>((connection, transaction) =>
        {
            var at = new Scope(connection, transaction, appId, ownerId);
            if (!at.OwnerExists())
            {
                return null;
            }
            var toDelete = new List<string>();
            var outcomes = BlockPlan.Remove(targets, at.Ids(SelectBlocked, targets), toDelete);
            at.Execute(DeleteBlocked, toDelete, now: null);
            return outcomes;
        });

    public Task<BlockOutcome[]?> CheckAsync(uint appId, string ownerId, IReadOnlyList<string> targets, CancellationToken cancellationToken) =>
        database.ReadAsync<BlockOutcome[]?>((SqliteConnection connection) =>
        {
            var at = new Scope(connection, null, appId, ownerId);
            return at.OwnerExists() ? BlockPlan.Check(targets, at.Ids(SelectRegistered, targets), at.Ids(SelectBlocked, targets)) : null;
        }, cancellationToken);

    public Task<BlocklistPage?> QueryAsync(uint appId, string ownerId, long skip, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<BlocklistPage?>((SqliteConnection connection) =>
        {
            // One read transaction, so that the count and the page come from the same snapshot.
            using var transaction = connection.BeginTransaction(deferred: true);
            var at = new Scope(connection, transaction, appId, ownerId);
            if (!at.OwnerExists())
            {
                return null;
            }
            var total = at.Count(CountBlocked);
            using var command = at.Command(SelectPage);
            command.Parameters.AddWithValue("$limit", limit);
            command.Parameters.AddWithValue("$skip", skip);
            var users = new List<BlockedUser>(limit);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    users.Add(new BlockedUser(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
                }
            }
            return new BlocklistPage(total, users);
        }, cancellationToken);

    /// <summary>The statements of one call about one owner's list.</summary>
    private readonly record struct Scope(SqliteConnection Connection, SqliteTransaction? Transaction, uint AppId, string OwnerId)
    {
        public SqliteCommand Command(string sql)
        {
            var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$app", (long)AppId);
            command.Parameters.AddWithValue("$owner", OwnerId);
            return command;
        }

        public bool OwnerExists() => Count(SelectOwner) > 0;

        public long Count(string sql)
        {
            using var command = Command(sql);
            return (long)command.ExecuteScalar()!;
        }

        public HashSet<string> Ids(string sql, IReadOnlyList<string> ids)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            if (ids.Count == 0)
            {
                return found;
            }
            using var command = Command(sql);
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids, StorageJson.Default.IReadOnlyListString));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(reader.GetString(0));
            }
            return found;
        }

        public void Execute(string sql, List<string> ids, long? now)
        {
            if (ids.Count == 0)
            {
                return;
            }
            using var command = Command(sql);
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize<IReadOnlyList<string>>(ids, StorageJson.Default.IReadOnlyListString));
            if (now is { } value)
            {
                command.Parameters.AddWithValue("$now", value);
            }
            command.ExecuteNonQuery();
        }
    }
}
