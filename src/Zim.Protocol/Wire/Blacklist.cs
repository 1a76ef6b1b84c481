namespace Zim.Protocol.Wire;

/// <summary>
/// Body of <c>AddUsersToBlacklist</c>, <c>RemoveUsersFromBlacklist</c> and <c>CheckUsersIsInBlacklist</c>:
/// the user whose blocklist it is, and 1 to 20 other users.
/// </summary>
public sealed record BlacklistRequest(string FromUserId, IReadOnlyList<string> UserIds);

/// <summary>Answer of <c>AddUsersToBlacklist</c>: every user that was not blocked, in request order.</summary>
public sealed record AddUsersToBlacklistResponse : ZimResponse
{
    /// <summary>The users that were not blocked; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrList { get; init; } = [];
}

/// <summary>Answer of <c>RemoveUsersFromBlacklist</c>: every user that was not unblocked, in request order.</summary>
public sealed record RemoveUsersFromBlacklistResponse : ZimResponse
{
    /// <summary>The users that were not unblocked; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrList { get; init; } = [];
}

/// <summary>Whether <c>FromUserId</c> has blocked one user: <c>Result</c> 1 when it has, 0 when not.</summary>
public sealed record BlacklistCheck(string UserId, int Result);

/// <summary>Answer of <c>CheckUsersIsInBlacklist</c>.</summary>
public sealed record CheckUsersIsInBlacklistResponse : ZimResponse
{
    /// <summary>The users that could be checked, in request order.</summary>
    public IReadOnlyList<BlacklistCheck> Succ { get; init; } = [];

    /// <summary>The users that could not be checked (invalid, or not registered: 660700015).</summary>
    public IReadOnlyList<UserError> ErrList { get; init; } = [];
}

/// <summary>One blocked user, with its current profile (unset strings are empty) and when it was blocked (Unix ms).</summary>
public sealed record BlockedUser(string UserId, string UserName, string Avatar, long UpdateTime);

/// <summary>Answer of <c>QueryBlacklist</c> (a GET with <c>FromUserId</c>, <c>Limit</c> and <c>Next</c> in the query).</summary>
public sealed record QueryBlacklistResponse : ZimResponse
{
    /// <summary>How many users <c>FromUserId</c> has blocked now.</summary>
    public long TotalCount { get; init; }

    /// <summary>0 when this page ends the list; otherwise the value to send as <c>Next</c> for the next page.</summary>
    public long Next { get; init; }

    /// <summary>This page of the blocklist: newest first, then by UserId.</summary>
    public IReadOnlyList<BlockedUser> Blacklist { get; init; } = [];
}
