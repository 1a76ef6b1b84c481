namespace Zim.Protocol.Wire;

/// <summary>Body of <c>RobotRegister</c>: 1 to 20 bots, each UserId beginning with <c>@RBT#</c>.</summary>
public sealed record RobotRegisterRequest(IReadOnlyList<RegisterUserInfo> UserInfo);

/// <summary>Answer of <c>RobotRegister</c>: every bot that was not registered, in request order.</summary>
public sealed record RobotRegisterResponse : ZimResponse
{
    /// <summary>The bots that were not registered; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}
