using System.Text.Json.Serialization;

namespace Zim.Server.Apps;

/// <summary>
/// An app's own limits for the blocklist, friend and bot actions, set by the operator (<c>Apps__N__Limits__...</c> or the
/// admin API), as the real service raises them for one app on request; a null one is the server's (<c>Api__...</c>),
/// whose default is the real service's.
/// </summary>
internal sealed class AppLimits
{
    /// <summary>Each limit an app may set: its name, its range, and how to read it.</summary>
    public static readonly IReadOnlyList<LimitRange> Ranges =
    [
        new(nameof(BlocklistBatchMax), 1, 1000, limits => limits.BlocklistBatchMax),
        new(nameof(BlockedUsersMax), 1, 1_000_000, limits => limits.BlockedUsersMax),
        new(nameof(RobotRegisterBatchMax), 1, Protocol.ZimLimits.MaxBatch, limits => limits.RobotRegisterBatchMax),
        new(nameof(FriendBatchMax), 1, 1000, limits => limits.FriendBatchMax),
        new(nameof(FriendsMax), 1, 1_000_000, limits => limits.FriendsMax),
        new(nameof(FriendAttributesMaxBytes), 10, 1024 * 1024, limits => limits.FriendAttributesMaxBytes),
        new(nameof(FriendApplicationDays), 1, 3650, limits => limits.FriendApplicationDays),
    ];

    /// <summary>Most UserIds in one AddUsersToBlacklist, RemoveUsersFromBlacklist or CheckUsersIsInBlacklist call.</summary>
    public int? BlocklistBatchMax { get; set; }

    /// <summary>Most users that one user may block.</summary>
    public int? BlockedUsersMax { get; set; }

    /// <summary>Most bots in one RobotRegister call.</summary>
    public int? RobotRegisterBatchMax { get; set; }

    /// <summary>Most users in one AddFriends, SendFriendApplication, DeleteFriends, CheckFriendsRelation or UpdateFriendsAlias call.</summary>
    public int? FriendBatchMax { get; set; }

    /// <summary>Most friends of one user.</summary>
    public int? FriendsMax { get; set; }

    /// <summary>Most UTF-8 bytes of one friend's attribute keys plus values.</summary>
    public int? FriendAttributesMaxBytes { get; set; }

    /// <summary>Days a friend application waits before it expires.</summary>
    public int? FriendApplicationDays { get; set; }

    /// <summary>True when the app sets none: the server's limits apply.</summary>
    [JsonIgnore]
    public bool IsEmpty => Ranges.All(range => range.Read(this) is null);

    /// <summary>Each limit set out of its range, as "<c>Name must be MIN to MAX (it is N)</c>".</summary>
    public IEnumerable<string> Problems() =>
        Ranges.Where(range => range.Read(this) is { } value && (value < range.Min || value > range.Max))
            .Select(range => $"{range.Name} must be {range.Min} to {range.Max} (it is {range.Read(this)}).");
}

/// <summary>One limit an app may set, and the values it may take.</summary>
internal sealed record LimitRange(string Name, int Min, int Max, Func<AppLimits, int?> Read);
