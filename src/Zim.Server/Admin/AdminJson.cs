using System.Text.Json.Serialization;
using Zim.Protocol.Admin;
using Zim.Protocol.Wire;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>An app as the admin API lists it; <c>Configured</c> apps are changed in configuration, not here.</summary>
internal sealed record AppView(uint AppId, string Name, int QpsLimit, long Users, bool Configured);

/// <summary>A new or re-keyed app, with the secret shown this once.</summary>
internal sealed record AppSecret(uint AppId, string Name, int QpsLimit, string ServerSecret);

/// <summary>An app's changeable settings, as they are after a change.</summary>
internal sealed record AppSettings(uint AppId, string Name, int QpsLimit);

/// <summary>Body of <c>POST /admin/api/apps</c>; everything optional.</summary>
internal sealed record CreateApp(uint? AppId, string? Name, int? QpsLimit);

/// <summary>Body of <c>PATCH /admin/api/apps/{appId}</c>; absent properties stay as they are.</summary>
internal sealed record ChangeApp(string? Name, int? QpsLimit);

/// <summary>One page of users; <c>Next</c> is the <c>after</c> of the next page, null on the last.</summary>
internal sealed record UserPage(IReadOnlyList<StoredUser> Users, string? Next);

internal sealed record UserIdList(IReadOnlyList<string>? UserIds);

internal sealed record UserCount(uint AppId, long Users);

internal sealed record Deleted(int Count);

internal sealed record AdminError(string Error);

[JsonSerializable(typeof(AppView[]))]
[JsonSerializable(typeof(AppView))]
[JsonSerializable(typeof(AppSecret))]
[JsonSerializable(typeof(AppSettings))]
[JsonSerializable(typeof(CreateApp))]
[JsonSerializable(typeof(ChangeApp))]
[JsonSerializable(typeof(UserPage))]
[JsonSerializable(typeof(UserIdList))]
[JsonSerializable(typeof(UserCount))]
[JsonSerializable(typeof(Deleted))]
[JsonSerializable(typeof(AdminError))]
[JsonSerializable(typeof(UserProfile))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(LoggedCall[]))]
[JsonSerializable(typeof(ResetResult))]
[JsonSerializable(typeof(UserRegisterRequest))]
[JsonSerializable(typeof(SeededUsers))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginAnswer))]
[JsonSerializable(typeof(LoginRefusal))]
[JsonSerializable(typeof(SessionView[]))]
[JsonSerializable(typeof(FriendListPage))]
[JsonSerializable(typeof(BlocklistView))]
[JsonSerializable(typeof(FriendApplications))]
internal sealed partial class AdminJson : JsonSerializerContext;
