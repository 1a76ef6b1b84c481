using Zim.Protocol;

namespace Zim.Server.OpenApi;

/// <summary>
/// The Codes each action of the friends contract can answer (sections 4 to 11), besides the common
/// signature and transport ones, for the OpenAPI document.
/// </summary>
internal static class ActionCodes
{
    private static readonly int[] Batch = [ZimCode.Success, ZimCode.InternalError, ZimCode.InvalidParameter, ZimCode.UserIdTooLong, ZimCode.QueryRateLimited, ZimCode.FromUserNotRegistered];

    private static readonly int[] Adding =
    [
        .. Batch, ZimCode.QueryUserNotFound, ZimCode.FriendBatchTooLong, ZimCode.AddingSelf, ZimCode.FriendTextTooLong, ZimCode.UserIdRepeated,
        ZimCode.AttributeKeyInvalid, ZimCode.AttributesTooLong, ZimCode.NoTargetRegistered, ZimCode.AttributeMalformed, ZimCode.AlreadyFriend,
        ZimCode.FriendLimitReached, ZimCode.AttributeKeyRepeated, ZimCode.TimeInFuture,
    ];

    private static readonly int[] Listing = [ZimCode.Success, ZimCode.InternalError, ZimCode.InvalidParameter, ZimCode.QueryRateLimited, ZimCode.FromUserNotRegistered];

    public static IReadOnlyDictionary<string, int[]> ByAction { get; } = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        [ZimAction.AddFriends.Name] = Adding,
        [ZimAction.SendFriendApplication.Name] = Adding,
        [ZimAction.DeleteFriends.Name] = [.. Batch, ZimCode.FriendBatchTooLong, ZimCode.UserIdRepeated, ZimCode.DeletingSelf, ZimCode.NotFriend],
        [ZimAction.DeleteAllFriends.Name] = Listing,
        [ZimAction.QueryFriendList.Name] = Listing,
        [ZimAction.CheckFriendsRelation.Name] = [.. Batch, ZimCode.QueryUserNotFound, ZimCode.FriendBatchTooLong],
        [ZimAction.UpdateFriendsAlias.Name] = [.. Batch, ZimCode.FriendBatchTooLong, ZimCode.FriendTextTooLong, ZimCode.UserIdRepeated, ZimCode.NotFriend],
        [ZimAction.UpdateFriendAttributes.Name] =
            [.. Batch, ZimCode.AttributeKeyInvalid, ZimCode.AttributesTooLong, ZimCode.AttributeMalformed, ZimCode.AttributeKeyRepeated, ZimCode.NotFriend],
        [ZimAction.AddUsersToBlacklist.Name] =
            [.. Batch, ZimCode.QueryUserNotFound, ZimCode.AlreadyBlocked, ZimCode.BlockingSelf, ZimCode.BlocklistBatchTooLong, ZimCode.BlocklistFull, ZimCode.BlockingFailed],
        [ZimAction.RemoveUsersFromBlacklist.Name] =
            [.. Batch, ZimCode.BlockingSelf, ZimCode.BlocklistBatchTooLong, ZimCode.UnblockingFailed, ZimCode.AlreadyUnblocked, ZimCode.NotBlocked],
        [ZimAction.QueryBlacklist.Name] = Listing,
        [ZimAction.CheckUsersIsInBlacklist.Name] = [.. Batch, ZimCode.QueryUserNotFound, ZimCode.BlocklistBatchTooLong],
        [ZimAction.RobotRegister.Name] =
            [ZimCode.Success, ZimCode.InternalError, ZimCode.InvalidParameter, ZimCode.UserIdTooLong, ZimCode.RegisterRateLimited, ZimCode.UserExists,
             ZimCode.UserNameTooLong, ZimCode.UserAvatarTooLong],
    };
}
