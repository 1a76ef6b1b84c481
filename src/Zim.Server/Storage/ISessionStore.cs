namespace Zim.Server.Storage;

/// <summary>
/// One login of a user on one device. Times are Unix seconds; <c>EndedAt</c> and <c>EndKind</c> (<c>logout</c> or
/// <c>offline</c>) are null while the session is open. <c>UserName</c> is the user's name at login (its stored profile's,
/// or the login's for a user it registered); <c>Relogin</c> is true when the user had a session in the 24 hours before.
/// Both are the store's to decide when the session opens: what the login passes in is replaced.
/// </summary>
internal sealed record SessionRecord(
    string SessionId, string UserId, string UserName, string Os, long LoginTime, long? EndedAt = null, string? EndKind = null, bool Relogin = false)
{
    public const string Logout = "logout";
    public const string Offline = "offline";

    public bool IsOpen => EndedAt is null;
}

/// <summary>A session just opened, as stored; <c>Registered</c> when the login registered the user.</summary>
internal sealed record OpenedSession(SessionRecord Session, bool Registered);

/// <summary>A session's end: the session as it is now, and whether this call ended it (false when it had already ended).</summary>
internal sealed record EndedSession(SessionRecord Session, bool EndedNow);

/// <summary>What <c>QueryUserOnlineState</c> reports for a user with a known state.</summary>
internal enum Presence
{
    Online,
    Offline,
}

/// <summary>
/// Logins, kept in the store so that every instance sharing it answers the same online state. Each write is
/// one transaction, durable before the call returns.
/// </summary>
internal interface ISessionStore
{
    /// <summary>Registers the user if it is not (with the session's UserName), and opens the session, in one transaction.</summary>
    Task<OpenedSession> OpenAsync(uint appId, SessionRecord session, CancellationToken cancellationToken);

    /// <summary>Ends an open session as <paramref name="endKind"/> at <paramref name="at"/>; null when there is no such session.</summary>
    Task<EndedSession?> EndAsync(uint appId, string sessionId, string endKind, long at, CancellationToken cancellationToken);

    /// <summary>The app's sessions (of one user if given), newest login first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListAsync(uint appId, string? userId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The sessions of these users that are open or ended at or after <paramref name="since"/>: what their
    /// presence is decided from.
    /// </summary>
    Task<IReadOnlyList<SessionRecord>> RecentAsync(uint appId, IReadOnlyList<string> userIds, long since, CancellationToken cancellationToken);
}
