using Npgsql;
using NpgsqlTypes;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage.Postgres;

/// <summary>
/// Users in PostgreSQL. A registration is one statement: the primary key with ON CONFLICT DO NOTHING
/// decides every race, in the database, whichever instance the requests reached.
/// </summary>
internal sealed class PostgresUserStore(PostgresDatabase database, TimeProvider clock) : IUserStore
{
    private const string InsertUsers = """
        INSERT INTO users (app_id, user_id, user_name, user_avatar, created_at, updated_at, is_bot)
        SELECT $1, u.user_id, u.user_name, u.user_avatar, $5, $5, $6
        FROM unnest($2::text[], $3::text[], $4::text[]) AS u(user_id, user_name, user_avatar)
        ON CONFLICT (app_id, user_id) DO NOTHING
        RETURNING user_id
        """;

    private const string UpdateUser = """
        UPDATE users
        SET user_name   = coalesce($3, user_name),
            user_avatar = coalesce($4, user_avatar),
            extra       = coalesce($5, extra),
            updated_at  = $6
        WHERE app_id = $1 AND user_id = $2
        """;

    private const string SelectUsers = """
        SELECT user_id, user_name, user_avatar, extra
        FROM users
        WHERE app_id = $1 AND user_id = ANY($2)
        """;

    public async Task<bool[]> RegisterAsync(uint appId, IReadOnlyList<RegisterUserInfo> users, bool bots, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(InsertUsers);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = users.Select(u => u.UserId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = users.Select(u => u.UserName ?? "").ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = users.Select(u => u.UserAvatar ?? "").ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = bots });

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        // Once sent, the statement commits or fails as a whole; a caller leaving must not split it.
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                inserted.Add(reader.GetString(0));
            }
        }
        return users.Select(u => inserted.Contains(u.UserId)).ToArray();
    }

    public async Task<bool[]> ModifyAsync(uint appId, IReadOnlyList<UserInfoChange> changes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One round trip for the whole request; each change is its own UPDATE so that repeats apply in order.
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var change in changes)
        {
            var command = new NpgsqlBatchCommand(UpdateUser);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.UserId });
            command.Parameters.Add(Nullable(change.UserName));
            command.Parameters.Add(Nullable(change.UserAvatar));
            command.Parameters.Add(Nullable(change.Extra));
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        var modified = new bool[changes.Count];
        for (var i = 0; i < modified.Length; i++)
        {
            modified[i] = batch.BatchCommands[i].RecordsAffected == 1;
        }
        return modified;
    }

    public async Task<IReadOnlyDictionary<string, UserProfile>> FindAsync(uint appId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(SelectUsers);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = userIds.ToArray() });
        return await ProfileRows.ReadAsync(command, cancellationToken);
    }

    private static NpgsqlParameter Nullable(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
