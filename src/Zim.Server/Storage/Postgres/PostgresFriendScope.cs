using System.Data;
using Npgsql;

namespace Zim.Server.Storage.Postgres;

/// <summary>
/// One friend call's transaction about one owner, for <see cref="PostgresFriendStore"/>: it reads the <see cref="FriendState"/>
/// and writes the <see cref="FriendChanges"/> in one batch. <c>$1</c> is always the app and <c>$2</c> the owner.
/// </summary>
internal sealed class PostgresFriendScope(NpgsqlConnection connection, NpgsqlTransaction transaction, uint appId, string ownerId) : IAsyncDisposable
{
    public const string CountFriends = "SELECT count(*) FROM friends WHERE app_id = $1 AND owner_id = $2";

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

    public static async Task<PostgresFriendScope> BeginAsync(PostgresDatabase database, uint appId, string ownerId, IsolationLevel isolation,
        CancellationToken cancellationToken)
    {
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return new PostgresFriendScope(connection, await connection.BeginTransactionAsync(isolation, cancellationToken), appId, ownerId);
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
