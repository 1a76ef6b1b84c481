namespace Zim.Protocol;

/// <summary>The operations of the ZIM user API, with the HTTP method and rate-limit code of each.</summary>
public sealed record ZimAction(string Name, string Method, int RateLimitCode)
{
    /// <summary>Batch registration of up to 100 users.</summary>
    public static readonly ZimAction UserRegister = new("UserRegister", "POST", ZimCode.RegisterRateLimited);
    /// <summary>Profile lookup of up to 100 users.</summary>
    public static readonly ZimAction QueryUserInfos = new("QueryUserInfos", "POST", ZimCode.QueryRateLimited);
    /// <summary>Profile change of up to 100 users.</summary>
    public static readonly ZimAction ModifyUserInfo = new("ModifyUserInfo", "POST", ZimCode.QueryRateLimited);
    /// <summary>Online state of up to 100 users.</summary>
    public static readonly ZimAction QueryUserOnlineState = new("QueryUserOnlineState", "GET", ZimCode.TooManyRequests);
    /// <summary>Adds up to 20 friends to one user, both ways, without their consent.</summary>
    public static readonly ZimAction AddFriends = new("AddFriends", "POST", ZimCode.QueryRateLimited);
    /// <summary>Sends up to 20 friend applications from one user.</summary>
    public static readonly ZimAction SendFriendApplication = new("SendFriendApplication", "POST", ZimCode.QueryRateLimited);
    /// <summary>Deletes up to 20 friends of one user, one way or both ways.</summary>
    public static readonly ZimAction DeleteFriends = new("DeleteFriends", "POST", ZimCode.QueryRateLimited);
    /// <summary>Deletes every friend of one user, one way or both ways.</summary>
    public static readonly ZimAction DeleteAllFriends = new("DeleteAllFriends", "GET", ZimCode.QueryRateLimited);
    /// <summary>One page of a user's friend list, newest first.</summary>
    public static readonly ZimAction QueryFriendList = new("QueryFriendList", "GET", ZimCode.QueryRateLimited);
    /// <summary>The friend relation of one user with each of up to 20 users.</summary>
    public static readonly ZimAction CheckFriendsRelation = new("CheckFriendsRelation", "POST", ZimCode.QueryRateLimited);
    /// <summary>Sets one user's aliases for up to 20 of its friends.</summary>
    public static readonly ZimAction UpdateFriendsAlias = new("UpdateFriendsAlias", "POST", ZimCode.QueryRateLimited);
    /// <summary>Sets attributes <c>k0</c> to <c>k4</c> of one user's friend.</summary>
    public static readonly ZimAction UpdateFriendAttributes = new("UpdateFriendAttributes", "POST", ZimCode.QueryRateLimited);
    /// <summary>Adds up to 20 users to one user's blocklist.</summary>
    public static readonly ZimAction AddUsersToBlacklist = new("AddUsersToBlacklist", "POST", ZimCode.QueryRateLimited);
    /// <summary>Removes up to 20 users from one user's blocklist.</summary>
    public static readonly ZimAction RemoveUsersFromBlacklist = new("RemoveUsersFromBlacklist", "POST", ZimCode.QueryRateLimited);
    /// <summary>One page of a user's blocklist, newest first.</summary>
    public static readonly ZimAction QueryBlacklist = new("QueryBlacklist", "GET", ZimCode.QueryRateLimited);
    /// <summary>Whether one user has blocked each of up to 20 users.</summary>
    public static readonly ZimAction CheckUsersIsInBlacklist = new("CheckUsersIsInBlacklist", "POST", ZimCode.QueryRateLimited);
    /// <summary>Batch registration of up to 20 bots (UserIds that begin with <c>@RBT#</c>).</summary>
    public static readonly ZimAction RobotRegister = new("RobotRegister", "POST", ZimCode.RegisterRateLimited);

    /// <summary>Every action, in the contract's order.</summary>
    public static IReadOnlyList<ZimAction> All { get; } =
        [UserRegister, QueryUserInfos, ModifyUserInfo, QueryUserOnlineState,
         AddFriends, SendFriendApplication, DeleteFriends, DeleteAllFriends, QueryFriendList, CheckFriendsRelation, UpdateFriendsAlias, UpdateFriendAttributes,
         AddUsersToBlacklist, RemoveUsersFromBlacklist, QueryBlacklist, CheckUsersIsInBlacklist, RobotRegister];

    /// <summary>The action with this exact (case-sensitive) name, or null.</summary>
    public static ZimAction? Find(string name)
    {
        foreach (var action in All)
        {
            if (string.Equals(action.Name, name, StringComparison.Ordinal))
            {
                return action;
            }
        }
        return null;
    }
}
