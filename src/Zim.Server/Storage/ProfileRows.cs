using System.Data.Common;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage;

/// <summary>Reads rows of (user_id, user_name, user_avatar, extra) through the provider's reader (PostgreSQL; SQLite steps its statement itself).</summary>
internal static class ProfileRows
{
    public static async Task<IReadOnlyDictionary<string, UserProfile>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var profile = new UserProfile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            found[profile.UserId] = profile;
        }
        return found;
    }
}
