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
    // $1 app, $2 owner, $3 the owner and its targets: locked in one fixed order, the locks taken as the sorted rows come.
    private const string LockUsers = "SELECT user_id FROM users WHERE app_id = $1 AND user_id = ANY($3) ORDER BY user_id FOR NO KEY UPDATE";

    private const string LockOwner = "SELECT user_id FROM users WHERE app_id = $1 AND user_id = $2 FOR NO KEY UPDATE";

    private const string SelectOwner = "SELECT user_id FROM users WHERE app_id = $1 AND user_id = $2";

    private const string DeleteReverse = """
        DELETE FROM friends WHERE app_id = $1 AND friend_id = $2
            AND owner_id IN (SELECT friend_id FROM friends WHERE app_id = $1 AND owner_id = $2)
        """;

    private const string DeleteOwn = "DELETE FROM friends WHERE app_id = $1 AND owner_id = $2";

    // The offset walks the index alone; only the page's rows are then read, with their friends' profiles.
    private const string SelectPage = """
        SELECT f.friend_id, u.user_name, u.user_avatar, f.wording, f.alias, f.created_at, f.attributes
        FROM (SELECT friend_id, created_at FROM friends WHERE app_id = $1 AND owner_id = $2
              ORDER BY created_at DESC, friend_id LIMIT $3 OFFSET $4) p
        JOIN friends f ON f.app_id = $1 AND f.owner_id = $2 AND f.friend_id = p.friend_id
        JOIN users u ON u.app_id = $1 AND u.user_id = p.friend_id
        ORDER BY p.created_at DESC, p.friend_id
        """;

    private const string ApplicationColumns = "SELECT from_id, to_id, wording, alias, state, created_at, updated_at, expires_at FROM friend_applications";

    private const string SelectSent = ApplicationColumns + " WHERE app_id = $1 AND from_id = $2 ORDER BY updated_at DESC, to_id";

    private const string SelectReceived = ApplicationColumns + " WHERE app_id = $1 AND to_id = $2 ORDER BY updated_at DESC, from_id";

    public async Task<T?> ChangeAsync<T>(uint appId, string ownerId, IReadOnlyList<string> targets, long now, Func<FriendState, FriendChanges, T> plan,
        CancellationToken cancellationToken)
        where T : class
    {
        await using var at = await PostgresFriendScope.BeginAsync(database, appId, ownerId, IsolationLevel.ReadCommitted, cancellationToken);
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
        await using var at = await PostgresFriendScope.BeginAsync(database, appId, ownerId, IsolationLevel.RepeatableRead, cancellationToken);
        return await at.ScalarAsync(SelectOwner) is null ? null : read(await at.StateAsync(targets));
    }

    public async Task<bool> DeleteAllAsync(uint appId, string ownerId, bool twoWay, CancellationToken cancellationToken)
    {
        await using var at = await PostgresFriendScope.BeginAsync(database, appId, ownerId, IsolationLevel.ReadCommitted, cancellationToken);
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
        await using var at = await PostgresFriendScope.BeginAsync(database, appId, ownerId, IsolationLevel.RepeatableRead, cancellationToken);
        if (await at.ScalarAsync(SelectOwner) is null)
        {
            return null;
        }
        var total = (long)(await at.ScalarAsync(PostgresFriendScope.CountFriends))!;
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
        await using var at = await PostgresFriendScope.BeginAsync(database, appId, userId, IsolationLevel.RepeatableRead, cancellationToken);
        if (await at.ScalarAsync(SelectOwner) is null)
        {
            return null;
        }
        return (await at.ApplicationsAsync(SelectSent), await at.ApplicationsAsync(SelectReceived));
    }
}
