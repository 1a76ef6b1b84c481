namespace Zim.Protocol.Wire;

/// <summary>One user to register; <c>UserName</c> and <c>UserAvatar</c> are optional.</summary>
public sealed record RegisterUserInfo(string UserId, string? UserName = null, string? UserAvatar = null);

/// <summary>Body of <c>UserRegister</c>: 1 to 100 users.</summary>
public sealed record UserRegisterRequest(IReadOnlyList<RegisterUserInfo> UserInfo);

/// <summary>Answer of <c>UserRegister</c>: every user that was not registered, in request order.</summary>
public sealed record UserRegisterResponse : ZimResponse
{
    /// <summary>The users that were not registered; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}
