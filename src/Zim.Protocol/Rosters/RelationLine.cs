using System.Text.Json.Serialization;
using Zim.Protocol.Wire;

namespace Zim.Protocol.Rosters;

/// <summary>
/// One line of a relations file (JSON Lines): what the admin API's relations export writes and a seed file at start-up
/// reads, so that a test can start from a known social graph. <c>Type</c> says which relation it is:
/// <list type="bullet">
/// <item><c>friend</c>: <c>UserId</c> has <c>FriendUserId</c> on its list (one direction; a two-way friendship is two
/// lines), with <c>FriendAlias</c>, <c>Wording</c>, <c>Attributes</c> and <c>CreateTime</c>.</item>
/// <item><c>application</c>: a friend application from <c>FromUserId</c> to <c>ToUserId</c>, with <c>Wording</c>,
/// <c>FriendAlias</c>, <c>Attributes</c>, <c>State</c> (1 waiting, 2 accepted), <c>CreateTime</c>, <c>UpdateTime</c> and
/// <c>ExpireTime</c>.</item>
/// <item><c>block</c>: <c>UserId</c> has blocked <c>BlockedUserId</c> since <c>UpdateTime</c>.</item>
/// </list>
/// Times are Unix milliseconds. Properties a type does not use are left out.
/// </summary>
public sealed record RelationLine(string Type)
{
    /// <summary>A friend row (one direction).</summary>
    public const string Friend = "friend";
    /// <summary>A friend application.</summary>
    public const string Application = "application";
    /// <summary>A block.</summary>
    public const string Block = "block";

    /// <summary>The owner of a friend row, or the blocker.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? UserId { get; init; }
    /// <summary>The user on the owner's friend list.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FriendUserId { get; init; }
    /// <summary>The user blocked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? BlockedUserId { get; init; }
    /// <summary>Who sent the application.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FromUserId { get; init; }
    /// <summary>Who it was sent to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ToUserId { get; init; }
    /// <summary>The owner's (sender's) alias for the other user.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FriendAlias { get; init; }
    /// <summary>The greeting.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Wording { get; init; }
    /// <summary>The owner's (sender's) values for keys k0 to k4.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<FriendAttribute>? Attributes { get; init; }
    /// <summary>An application's state: 1 waiting, 2 accepted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? State { get; init; }
    /// <summary>When the friendship began, or the application was first sent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? CreateTime { get; init; }
    /// <summary>When the application was last sent, or the user was blocked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? UpdateTime { get; init; }
    /// <summary>When a waiting application expires.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? ExpireTime { get; init; }
}
