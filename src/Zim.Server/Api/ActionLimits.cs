using Zim.Server.Apps;

namespace Zim.Server.Api;

/// <summary>The limits one call runs under: its app's own where it sets them (<see cref="AppLimits"/>), the server's otherwise.</summary>
internal sealed record ActionLimits(
    int BlocklistBatchMax, int BlockedUsersMax, int RobotRegisterBatchMax, int FriendBatchMax, int FriendsMax, int FriendAttributesMaxBytes,
    int FriendApplicationDays)
{
    public static ActionLimits Of(ApiOptions server, AppLimits? app) => new(
        app?.BlocklistBatchMax ?? server.BlocklistBatchMax,
        app?.BlockedUsersMax ?? server.BlockedUsersMax,
        app?.RobotRegisterBatchMax ?? server.RobotRegisterBatchMax,
        app?.FriendBatchMax ?? server.FriendBatchMax,
        app?.FriendsMax ?? server.FriendsMax,
        app?.FriendAttributesMaxBytes ?? server.FriendAttributesMaxBytes,
        app?.FriendApplicationDays ?? server.FriendApplicationDays);
}
