using System.ComponentModel.DataAnnotations;
using Zim.Protocol;

namespace Zim.Server.Api;

/// <summary>Section <c>Api</c>: request limits.</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body; a larger one is answered with HTTP 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest UserName in UTF-8 bytes: the contract's 64, or up to 256 as the real service now allows.</summary>
    [Range(1, 4096)]
    public int UserNameMaxBytes { get; set; } = ZimLimits.DefaultUserNameMaxBytes;

    /// <summary>Most UserIds in one AddUsersToBlacklist, RemoveUsersFromBlacklist or CheckUsersIsInBlacklist call.</summary>
    [Range(1, 1000)]
    public int BlocklistBatchMax { get; set; } = ZimLimits.DefaultBlocklistBatch;

    /// <summary>Most users that one user may block.</summary>
    [Range(1, 1_000_000)]
    public int BlockedUsersMax { get; set; } = ZimLimits.DefaultBlockedUsersMax;

    /// <summary>Most users in one AddFriends, SendFriendApplication, DeleteFriends, CheckFriendsRelation or UpdateFriendsAlias call.</summary>
    [Range(1, 1000)]
    public int FriendBatchMax { get; set; } = ZimLimits.DefaultFriendBatch;

    /// <summary>Most friends of one user.</summary>
    [Range(1, 1_000_000)]
    public int FriendsMax { get; set; } = ZimLimits.DefaultFriendsMax;

    /// <summary>Most UTF-8 bytes of one friend's attribute keys plus values.</summary>
    [Range(10, 1024 * 1024)]
    public int FriendAttributesMaxBytes { get; set; } = ZimLimits.DefaultFriendAttributesMaxBytes;

    /// <summary>Days a friend application waits before it expires.</summary>
    [Range(1, 3650)]
    public int FriendApplicationDays { get; set; } = ZimLimits.DefaultFriendApplicationDays;

    /// <summary>Most bots in one RobotRegister call.</summary>
    [Range(1, ZimLimits.MaxBatch)]
    public int RobotRegisterBatchMax { get; set; } = ZimLimits.DefaultRobotBatch;
}
