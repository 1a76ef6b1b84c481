namespace Zim.Protocol.Wire;

/// <summary>One friend attribute: <c>Key</c> is one of <c>k0</c> to <c>k4</c>.</summary>
public sealed record FriendAttribute(string Key, string Value);

/// <summary>
/// One friend to add: the friend, the greeting, <c>FromUserId</c>'s alias for it, when the friendship began
/// (Unix ms; 0 means now) and <c>FromUserId</c>'s attributes for it.
/// </summary>
public sealed record FriendInfo(string UserId, string Wording = "", string FriendAlias = "", long FriendTime = 0, IReadOnlyList<FriendAttribute>? Attributes = null)
{
    /// <summary>Up to five attributes, keys <c>k0</c> to <c>k4</c>.</summary>
    public IReadOnlyList<FriendAttribute> Attributes { get; init; } = Attributes ?? [];
}

/// <summary>Body of <c>AddFriends</c>: the user whose friends they become, and 1 to 20 friends.</summary>
public sealed record AddFriendsRequest(string FromUserId, IReadOnlyList<FriendInfo> FriendInfos);

/// <summary>Answer of <c>AddFriends</c>: every friend that was not added, in request order.</summary>
public sealed record AddFriendsResponse : ZimResponse
{
    /// <summary>The users that were not added; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}

/// <summary>
/// One friend application: to whom, the greeting, the alias and attributes proposed, and when it was made
/// and last sent (Unix ms; 0 means now; earlier times import applications).
/// </summary>
public sealed record FriendApplicationInfo(string UserId, string Wording = "", string FriendAlias = "", long CreateTime = 0, long UpdateTime = 0,
    IReadOnlyList<FriendAttribute>? Attributes = null)
{
    /// <summary>Up to five attributes, keys <c>k0</c> to <c>k4</c>.</summary>
    public IReadOnlyList<FriendAttribute> Attributes { get; init; } = Attributes ?? [];
}

/// <summary>Body of <c>SendFriendApplication</c>: the sender and 1 to 20 applications.</summary>
public sealed record SendFriendApplicationRequest(string FromUserId, IReadOnlyList<FriendApplicationInfo> FriendInfos);

/// <summary>Answer of <c>SendFriendApplication</c>: every application that was not sent, in request order.</summary>
public sealed record SendFriendApplicationResponse : ZimResponse
{
    /// <summary>The users that got no application; empty when all did.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}

/// <summary>Body of <c>DeleteFriends</c>: <c>DeleteType</c> 0 deletes both ways, 1 only from <c>FromUserId</c>'s list.</summary>
public sealed record DeleteFriendsRequest(string FromUserId, IReadOnlyList<string> UserIds, int DeleteType);

/// <summary>Answer of <c>DeleteFriends</c>: every friend that was not deleted, in request order.</summary>
public sealed record DeleteFriendsResponse : ZimResponse
{
    /// <summary>The users that were not deleted; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}

/// <summary>
/// One friend on a list, with its current profile (unset strings are empty), the greeting, the owner's alias
/// and attributes for it (keys in order <c>k0</c> to <c>k4</c>) and when the friendship began (Unix ms).
/// </summary>
public sealed record Friend(string UserId, string UserName, string Avatar, string Wording, string FriendAlias, long CreateTime,
    IReadOnlyList<FriendAttribute> Attributes);

/// <summary>Answer of <c>QueryFriendList</c> (a GET with <c>FromUserId</c>, <c>Limit</c> and <c>Next</c> in the query).</summary>
public sealed record QueryFriendListResponse : ZimResponse
{
    /// <summary>How many friends <c>FromUserId</c> has now.</summary>
    public long TotalCount { get; init; }

    /// <summary>0 when this page ends the list; otherwise the value to send as <c>Next</c> for the next page.</summary>
    public long Next { get; init; }

    /// <summary>This page of the friend list: newest first, then by UserId.</summary>
    public IReadOnlyList<Friend> FriendInfos { get; init; } = [];
}

/// <summary>Body of <c>CheckFriendsRelation</c>: <c>CheckType</c> 0 checks both lists, 1 only <c>FromUserId</c>'s.</summary>
public sealed record CheckFriendsRelationRequest(string FromUserId, IReadOnlyList<string> UserIds, int CheckType);

/// <summary>
/// The relation of <c>FromUserId</c> with one user. One-way check: 1 not on its list, 2 on it. Two-way check:
/// 3 neither list, 4 only on <c>FromUserId</c>'s, 5 only the other way, 6 both.
/// </summary>
public sealed record FriendRelation(string UserId, int Relation);

/// <summary>Answer of <c>CheckFriendsRelation</c>.</summary>
public sealed record CheckFriendsRelationResponse : ZimResponse
{
    /// <summary>The users that could be checked, in request order.</summary>
    public IReadOnlyList<FriendRelation> Successes { get; init; } = [];

    /// <summary>The users that could not be checked (invalid, <c>FromUserId</c> itself, or not registered).</summary>
    public IReadOnlyList<UserError> Fails { get; init; } = [];
}

/// <summary>One alias to set: an empty or absent <c>FriendAlias</c> clears it.</summary>
public sealed record FriendAliasUpdate(string UserId, string FriendAlias = "");

/// <summary>Body of <c>UpdateFriendsAlias</c>; despite its name, <c>UserIds</c> holds objects.</summary>
public sealed record UpdateFriendsAliasRequest(string FromUserId, IReadOnlyList<FriendAliasUpdate> UserIds);

/// <summary>Answer of <c>UpdateFriendsAlias</c>: every alias that was not set, in request order.</summary>
public sealed record UpdateFriendsAliasResponse : ZimResponse
{
    /// <summary>The users whose alias was not set; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}

/// <summary>Body of <c>UpdateFriendAttributes</c>: sets 1 to 5 attributes of one friend (<c>Action</c> 0, the only operation).</summary>
public sealed record UpdateFriendAttributesRequest(string FromUserId, string UserId, IReadOnlyList<FriendAttribute> Attributes, int Action = 0);

/// <summary>One attribute key that was not set, and why.</summary>
public sealed record KeyError(string Key, int SubCode, string SubMessage);

/// <summary>Answer of <c>UpdateFriendAttributes</c>: every key that was not set, in request order.</summary>
public sealed record UpdateFriendAttributesResponse : ZimResponse
{
    /// <summary>The keys that were not set; empty when all were.</summary>
    public IReadOnlyList<KeyError> FailKey { get; init; } = [];
}
