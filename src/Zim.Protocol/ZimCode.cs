namespace Zim.Protocol;

/// <summary>The result codes of the ZIM Server API that this project uses.</summary>
public static class ZimCode
{
    /// <summary>The call succeeded (for batch calls: at least one user succeeded).</summary>
    public const int Success = 0;
    /// <summary>Server busy (the real service may answer it; retry later).</summary>
    public const int ServerBusy = 1;
    /// <summary>Input parameter error (the real service's general code).</summary>
    public const int InputParameterError = 2;
    /// <summary>Rate limit of <c>QueryUserOnlineState</c>.</summary>
    public const int TooManyRequests = 7;

    /// <summary><c>AppId</c> missing or not a uint32.</summary>
    public const int AppIdInvalid = 100000001;
    /// <summary><c>Timestamp</c> missing.</summary>
    public const int TimestampMissing = 100000002;
    /// <summary><c>Timestamp</c> not an integer.</summary>
    public const int TimestampInvalid = 100000003;
    /// <summary><c>Timestamp</c> more than 600 seconds away from the server clock.</summary>
    public const int TimestampExpired = 100000004;
    /// <summary>Signature mismatch, or a replayed <c>SignatureNonce</c>.</summary>
    public const int SignatureInvalid = 100000005;
    /// <summary><c>Action</c> missing or empty.</summary>
    public const int ActionMissing = 100000006;
    /// <summary><c>Action</c> not implemented by this server.</summary>
    public const int ActionUnknown = 100000007;
    /// <summary><c>SignatureNonce</c> missing.</summary>
    public const int NonceMissing = 100000008;
    /// <summary><c>Signature</c> missing.</summary>
    public const int SignatureMissing = 100000009;
    /// <summary>No app with this <c>AppId</c> on this server.</summary>
    public const int AppNotFound = 100000011;
    /// <summary><c>SignatureVersion</c> missing.</summary>
    public const int SignatureVersionMissing = 100000013;
    /// <summary><c>SignatureVersion</c> is not <c>2.0</c>.</summary>
    public const int SignatureVersionInvalid = 100000014;

    /// <summary>Internal error; the call changed nothing and may be retried.</summary>
    public const int InternalError = 660000001;
    /// <summary>Invalid parameter.</summary>
    public const int InvalidParameter = 660000002;
    /// <summary>Too many entries in one call.</summary>
    public const int TooManyEntries = 660000011;
    /// <summary><c>UserId</c> longer than 32 bytes.</summary>
    public const int UserIdTooLong = 660000012;
    /// <summary>The user is not online.</summary>
    public const int UserNotOnline = 660200001;
    /// <summary>Rate limit of <c>QueryUserInfos</c>, <c>ModifyUserInfo</c>, the friend and the blocklist actions.</summary>
    public const int QueryRateLimited = 660300005;
    /// <summary>The calling user (<c>FromUserId</c>) is not registered in this app.</summary>
    public const int FromUserNotRegistered = 660500002;
    /// <summary>Rate limit of <c>UserRegister</c> and <c>RobotRegister</c>.</summary>
    public const int RegisterRateLimited = 660700001;
    /// <summary>The user is already registered.</summary>
    public const int UserExists = 660700002;
    /// <summary><c>UserName</c> too long.</summary>
    public const int UserNameTooLong = 660700006;
    /// <summary><c>UserAvatar</c> too long.</summary>
    public const int UserAvatarTooLong = 660700007;
    /// <summary>The user to modify is not registered.</summary>
    public const int ModifyUserNotFound = 660700012;
    /// <summary>The user to query (or the target user) is not registered.</summary>
    public const int QueryUserNotFound = 660700015;
    /// <summary>Too many users in one friend call.</summary>
    public const int FriendBatchTooLong = 660800019;
    /// <summary>A user cannot add itself as a friend.</summary>
    public const int AddingSelf = 660800020;
    /// <summary><c>Wording</c> or <c>FriendAlias</c> longer than 256 characters.</summary>
    public const int FriendTextTooLong = 660800021;
    /// <summary>The user ID appeared earlier in the same call.</summary>
    public const int UserIdRepeated = 660800022;
    /// <summary>A friend attribute key other than <c>k0</c> to <c>k4</c>.</summary>
    public const int AttributeKeyInvalid = 660800023;
    /// <summary>A friend's attribute keys plus values longer than 1024 bytes.</summary>
    public const int AttributesTooLong = 660800024;
    /// <summary>No target of an <c>AddFriends</c> or <c>SendFriendApplication</c> call is registered.</summary>
    public const int NoTargetRegistered = 660800025;
    /// <summary>A friend attribute that is not a <c>{Key, Value}</c> object of strings.</summary>
    public const int AttributeMalformed = 660800026;
    /// <summary>The user is already a friend.</summary>
    public const int AlreadyFriend = 660800027;
    /// <summary>A friend list holds as many friends as it may.</summary>
    public const int FriendLimitReached = 660800028;
    /// <summary>The same friend attribute key twice.</summary>
    public const int AttributeKeyRepeated = 660800032;
    /// <summary>A user cannot delete itself as a friend.</summary>
    public const int DeletingSelf = 660800033;
    /// <summary>The user is not a friend.</summary>
    public const int NotFriend = 660800034;
    /// <summary>The user is already on the blocklist.</summary>
    public const int AlreadyBlocked = 660800037;
    /// <summary>A user cannot block or unblock itself.</summary>
    public const int BlockingSelf = 660800038;
    /// <summary>Too many UserIds in one blocklist call.</summary>
    public const int BlocklistBatchTooLong = 660800039;
    /// <summary>The blocklist holds as many users as it may.</summary>
    public const int BlocklistFull = 660800040;
    /// <summary>No user of an <c>AddUsersToBlacklist</c> call was blocked.</summary>
    public const int BlockingFailed = 660800041;
    /// <summary>No user of a <c>RemoveUsersFromBlacklist</c> call was unblocked.</summary>
    public const int UnblockingFailed = 660800042;
    /// <summary>The user was already removed by an earlier entry of the same call.</summary>
    public const int AlreadyUnblocked = 660800043;
    /// <summary>The user is not on the blocklist.</summary>
    public const int NotBlocked = 660800044;
    /// <summary>A timestamp later than the server clock.</summary>
    public const int TimeInFuture = 660800046;
}
