using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Zim.Server.Storage.Postgres;

/// <summary>Browsing, exporting and deleting users in PostgreSQL (user_id is COLLATE "C": byte order, as in SQLite).</summary>
internal sealed class PostgresUserAdminStore(PostgresDatabase database) : IUserAdminStore
{
    private const string SelectPage = $"""
        SELECT {StoredUsers.Columns}
        FROM users
        WHERE app_id = $1
          AND ($2::text IS NULL OR user_id > $2)
          AND ($3::text IS NULL OR (user_id >= $3 AND user_id < $4))
          AND ($5::text IS NULL OR strpos(lower(user_name), lower($5)) > 0)
        ORDER BY user_id
        LIMIT $6
        """;

    private const string SelectAll = $"SELECT {StoredUsers.Columns} FROM users WHERE app_id = $1 ORDER BY user_id";

    private const string DeleteUsers = "DELETE FROM users WHERE app_id = $1 AND user_id = ANY($2)";

    private const string DeleteAllUsers = "DELETE FROM users WHERE app_id = $1";

    public async Task<IReadOnlyList<StoredUser>> ListAsync(uint appId, UserFilter filter, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(SelectPage);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(Text(filter.After));
        command.Parameters.Add(Text(filter.Prefix));
        command.Parameters.Add(Text(filter.PrefixEnd));
        command.Parameters.Add(Text(filter.Name));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = filter.Limit });
        return await StoredUsers.StreamAsync(command, cancellationToken).ToListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<StoredUser> ExportAsync(uint appId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Npgsql streams rows from the server as they are read; nothing is buffered whole.
        await using var command = database.DataSource.CreateCommand(SelectAll);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        await foreach (var user in StoredUsers.StreamAsync(command, cancellationToken))
        {
            yield return user;
        }
    }

    public async Task<int> DeleteAsync(uint appId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(DeleteUsers);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = userIds.ToArray() });
        return await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public async Task<int> DeleteAllAsync(uint appId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(DeleteAllUsers);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        return await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
