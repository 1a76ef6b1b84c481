namespace Zim.Protocol.Wire;

/// <summary>The online state of one user: <c>Status</c> is "Online" or "Offline".</summary>
public sealed record UserOnlineState(string UserId, string Status);

/// <summary>Answer of <c>QueryUserOnlineState</c> (a GET with repeated <c>UserId[]</c> keys).</summary>
public sealed record QueryUserOnlineStateResponse : ZimResponse
{
    /// <summary>Users with a known state.</summary>
    public IReadOnlyList<UserOnlineState> Result { get; init; } = [];

    /// <summary>Users whose state is unknown: never logged in, or logged out (SubCode 660200001).</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}
