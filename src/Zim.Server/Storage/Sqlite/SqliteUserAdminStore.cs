using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Browsing, exporting and deleting users in SQLite. Reads use pooled readers beside the writer (WAL).</summary>
internal sealed class SqliteUserAdminStore(SqliteDatabase database) : IUserAdminStore
{
    private const string SelectPage = $"""
        SELECT {StoredUsers.Columns}
        FROM users
        WHERE app_id = $app
          AND ($after IS NULL OR user_id > $after)
          AND ($prefix IS NULL OR (user_id >= $prefix AND user_id < $prefixEnd))
          AND ($name IS NULL OR instr(lower(user_name), lower($name)) > 0)
        ORDER BY user_id
        LIMIT $limit
        """;

    private const string SelectAll = $"SELECT {StoredUsers.Columns} FROM users WHERE app_id = $app ORDER BY user_id";

    private const string DeleteUsers = """
        DELETE FROM users WHERE app_id = $app AND user_id IN (SELECT value FROM json_each($ids))
        """;

    private const string DeleteAllUsers = "DELETE FROM users WHERE app_id = $app";

    public Task<IReadOnlyList<StoredUser>> ListAsync(uint appId, UserFilter filter, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StoredUser>>(async command =>
        {
            command.CommandText = SelectPage;
            command.Parameters.AddWithValue("$app", (long)appId);
            command.Parameters.AddWithValue("$after", (object?)filter.After ?? DBNull.Value);
            command.Parameters.AddWithValue("$prefix", (object?)filter.Prefix ?? DBNull.Value);
            command.Parameters.AddWithValue("$prefixEnd", (object?)filter.PrefixEnd ?? DBNull.Value);
            command.Parameters.AddWithValue("$name", (object?)filter.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", filter.Limit);
            return await StoredUsers.StreamAsync(command, cancellationToken).ToListAsync(cancellationToken);
        }, cancellationToken);

    public async IAsyncEnumerable<StoredUser> ExportAsync(uint appId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectAll;
        command.Parameters.AddWithValue("$app", (long)appId);
        await foreach (var user in StoredUsers.StreamAsync(command, cancellationToken))
        {
            yield return user;
        }
    }

    public Task<int> DeleteAsync(uint appId, IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = DeleteUsers;
            command.Parameters.AddWithValue("$app", (long)appId);
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(userIds, StorageJson.Default.IReadOnlyListString));
            return command.ExecuteNonQuery();
        });

    public Task<int> DeleteAllAsync(uint appId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = DeleteAllUsers;
            command.Parameters.AddWithValue("$app", (long)appId);
            return command.ExecuteNonQuery();
        });
}
