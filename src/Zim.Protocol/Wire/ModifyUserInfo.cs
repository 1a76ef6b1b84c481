using System.Text.Json.Serialization;

namespace Zim.Protocol.Wire;

/// <summary>
/// A change to one user: a null property is absent (left unchanged), an empty string clears it.
/// </summary>
public sealed record UserInfoChange(
    string UserId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserAvatar = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Extra = null);

/// <summary>Body of <c>ModifyUserInfo</c>: 1 to 100 changes.</summary>
public sealed record ModifyUserInfoRequest(IReadOnlyList<UserInfoChange> UserInfo);

/// <summary>Answer of <c>ModifyUserInfo</c>: every user that was not modified, in request order.</summary>
public sealed record ModifyUserInfoResponse : ZimResponse
{
    /// <summary>The users that were not modified; empty when all were.</summary>
    public IReadOnlyList<UserError> ErrorList { get; init; } = [];
}
