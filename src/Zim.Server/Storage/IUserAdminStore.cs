using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Zim.Server.Storage;

/// <summary>A user as the admin API shows it, with its creation and last change (Unix milliseconds).</summary>
internal sealed record StoredUser(string UserId, string UserName, string UserAvatar, string Extra, long CreatedAt, long UpdatedAt);

/// <summary>The columns of a <see cref="StoredUser"/>, in the order <see cref="Read"/> expects, for both stores' SQL.</summary>
internal static class StoredUsers
{
    public const string Columns = "user_id, user_name, user_avatar, extra, created_at, updated_at";

    public static StoredUser Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5));

    /// <summary>The users the command selects, read row by row as the caller consumes them.</summary>
    public static async IAsyncEnumerable<StoredUser> StreamAsync(DbCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }
}

/// <summary>
/// Which users to list: those after <see cref="After"/> in UserId order (keyset paging, stable under
/// inserts), whose UserId starts with <see cref="Prefix"/> and whose name contains <see cref="Name"/>
/// (case-insensitive), at most <see cref="Limit"/>.
/// </summary>
internal sealed record UserFilter(string? After, string? Prefix, string? Name, int Limit)
{
    /// <summary>Above every UserId character (all ASCII), so [prefix, prefix + this) holds exactly the prefix's ids.</summary>
    public string? PrefixEnd => Prefix is null ? null : Prefix + '\u007f';
}

/// <summary>Browsing, exporting and deleting the users of one app, for operators.</summary>
internal interface IUserAdminStore
{
    /// <summary>One page of users in UserId order.</summary>
    Task<IReadOnlyList<StoredUser>> ListAsync(uint appId, UserFilter filter, CancellationToken cancellationToken);

    /// <summary>Every user of the app in UserId order, read row by row as the caller consumes them.</summary>
    IAsyncEnumerable<StoredUser> ExportAsync(uint appId, CancellationToken cancellationToken);

    /// <summary>Deletes the given users; returns how many existed.</summary>
    Task<int> DeleteAsync(uint appId, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>Deletes every user of the app; returns how many there were.</summary>
    Task<int> DeleteAllAsync(uint appId, CancellationToken cancellationToken);
}
