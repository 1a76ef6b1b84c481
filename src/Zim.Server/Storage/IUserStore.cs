using Zim.Protocol.Wire;

namespace Zim.Server.Storage;

/// <summary>
/// The users of every app. Each write is one transaction, committed durably before the call returns;
/// on failure it throws and nothing of that call is stored.
/// </summary>
internal interface IUserStore
{
    /// <summary>
    /// Inserts the users that are new, flagged as bots when <paramref name="bots"/>; for each user, true when
    /// inserted, false when it already existed (as a user or a bot).
    /// </summary>
    Task<bool[]> RegisterAsync(uint appId, IReadOnlyList<RegisterUserInfo> users, bool bots, CancellationToken cancellationToken);

    /// <summary>The stored profiles among <paramref name="userIds"/>, keyed by UserId.</summary>
    Task<IReadOnlyDictionary<string, UserProfile>> FindAsync(uint appId, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>Applies each change (null properties left as they are); for each, true when the user exists.</summary>
    Task<bool[]> ModifyAsync(uint appId, IReadOnlyList<UserInfoChange> changes, CancellationToken cancellationToken);
}
