using System.Data.Common;
using System.Runtime.CompilerServices;
using Zim.Protocol.Rosters;

namespace Zim.Server.Storage;

/// <summary>What kind of relation a row of a relations file is.</summary>
internal enum RelationKind
{
    Friend,
    Application,
    Block,
}

/// <summary>
/// One relation to seed, checked: <c>A</c> is the owner (the friend list's, the application's sender, the blocker) and
/// <c>B</c> the other user; <c>Attributes</c> as stored. Times are Unix milliseconds: <c>First</c> is CreateTime (friend,
/// application) or UpdateTime (block), <c>Updated</c> and <c>Expires</c> the application's.
/// </summary>
internal sealed record SeedRelation(RelationKind Kind, string A, string B, string Alias, string Wording, string Attributes, int State,
    long First, long Updated, long Expires);

/// <summary>What a seed did with one relation.</summary>
internal enum SeedOutcome
{
    Stored,
    AlreadyThere,
    UnknownUser,
}

/// <summary>
/// An app's friend rows, friend applications and blocks as a whole: streamed out for an export, and seeded in (each
/// relation stored when both its users are registered and it is not stored yet; nothing stored is changed).
/// </summary>
internal interface IRelationStore
{
    /// <summary>Every relation of the app, as the relations file writes them, read in one snapshot and streamed.</summary>
    IAsyncEnumerable<RelationLine> ExportAsync(uint appId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="relations"/> in one transaction; the outcome of each, in order.</summary>
    Task<SeedOutcome[]> SeedAsync(uint appId, IReadOnlyList<SeedRelation> relations, CancellationToken cancellationToken);
}

/// <summary>The SQL both stores run for relations ($1, $2... are names to SQLite and positions to PostgreSQL), and its reading.</summary>
internal static class RelationRows
{
    // One statement, so that an export is one snapshot; each part streams in its primary key's order.
    public const string SelectAll = """
        SELECT 0, owner_id, friend_id, alias, wording, attributes, 0, created_at, 0, 0 FROM friends WHERE app_id = $1
        UNION ALL
        SELECT 1, from_id, to_id, alias, wording, attributes, state, created_at, updated_at, expires_at FROM friend_applications WHERE app_id = $1
        UNION ALL
        SELECT 2, owner_id, blocked_id, '', '', '[]', 0, updated_at, 0, 0 FROM blocklist WHERE app_id = $1
        """;

    /// <summary>Per kind: the insert of one relation that leaves a stored one as it is; it names exactly $1 to $n of <see cref="Values"/>.</summary>
    public static string Insert(RelationKind kind) => kind switch
    {
        RelationKind.Friend => """
            INSERT INTO friends (app_id, owner_id, friend_id, alias, wording, attributes, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
            """,
        RelationKind.Application => """
            INSERT INTO friend_applications (app_id, from_id, to_id, alias, wording, attributes, created_at, state, updated_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
            """,
        _ => """
            INSERT INTO blocklist (app_id, owner_id, blocked_id, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
            """,
    };

    /// <summary>How many of the relation's two users are registered (2 when both are); it names $1 to $3, the first of <see cref="Values"/>.</summary>
    public const string CountUsers = "SELECT count(*) FROM users WHERE app_id = $1 AND (user_id = $2 OR user_id = $3)";

    /// <summary>The values <see cref="CountUsers"/> names.</summary>
    public const int CountUsersValues = 3;

    /// <summary>The parameters of the relation's <see cref="Insert"/>, $1 first: app, A and B, then the kind's own.</summary>
    public static object[] Values(uint appId, SeedRelation relation) => relation.Kind switch
    {
        RelationKind.Friend => [(long)appId, relation.A, relation.B, relation.Alias, relation.Wording, relation.Attributes, relation.First],
        RelationKind.Application => [(long)appId, relation.A, relation.B, relation.Alias, relation.Wording, relation.Attributes, relation.First,
            relation.State, relation.Updated, relation.Expires],
        _ => [(long)appId, relation.A, relation.B, relation.First],
    };

    public static async IAsyncEnumerable<RelationLine> StreamAsync(DbCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (a, b) = (reader.GetString(1), reader.GetString(2));
            yield return Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) switch
            {
                0 => new RelationLine(RelationLine.Friend)
                {
                    UserId = a, FriendUserId = b, FriendAlias = reader.GetString(3), Wording = reader.GetString(4),
                    Attributes = StorageJson.Attributes(reader.GetString(5)), CreateTime = reader.GetInt64(7),
                },
                1 => new RelationLine(RelationLine.Application)
                {
                    FromUserId = a, ToUserId = b, FriendAlias = reader.GetString(3), Wording = reader.GetString(4),
                    Attributes = StorageJson.Attributes(reader.GetString(5)), State = Convert.ToInt32(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
                    CreateTime = reader.GetInt64(7), UpdateTime = reader.GetInt64(8), ExpireTime = reader.GetInt64(9),
                },
                _ => new RelationLine(RelationLine.Block) { UserId = a, BlockedUserId = b, UpdateTime = reader.GetInt64(7) },
            };
        }
    }
}
