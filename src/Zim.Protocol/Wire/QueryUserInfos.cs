namespace Zim.Protocol.Wire;

/// <summary>Body of <c>QueryUserInfos</c>: 1 to 100 user ids.</summary>
public sealed record QueryUserInfosRequest(IReadOnlyList<string> UserIds);

/// <summary>A registered user's profile; unset strings are empty.</summary>
public sealed record UserProfile(string UserId, string UserName, string UserAvatar, string Extra);

/// <summary>Answer of <c>QueryUserInfos</c>.</summary>
public sealed record QueryUserInfosResponse : ZimResponse
{
    /// <summary>The registered users, in request order.</summary>
    public IReadOnlyList<UserProfile> Result { get; init; } = [];

    /// <summary>The ids that are not registered (SubCode 660700015) or not valid.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}
