using System.Text.Json.Serialization;
using Zim.Protocol.Admin;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>An app as the admin API lists it; <c>Configured</c> apps are changed in configuration, not here.</summary>
internal sealed record AppView(uint AppId, string Name, int QpsLimit, long Users, bool Configured, string? CallbackUrl, AppLimitsView Limits);

/// <summary>
/// The limits an app's calls run under (<c>Effective</c>), and those the app sets itself (<c>Own</c>, the others being
/// the server's <c>Api__...</c> settings).
/// </summary>
internal sealed record AppLimitsView(ActionLimits Effective, AppLimits Own);

/// <summary>
/// A new or re-keyed app, with the secret shown this once; a new app's CallbackSecret (which signs its login/logout
/// callbacks) is shown this once too, and is null in a ServerSecret rotation's answer.
/// </summary>
internal sealed record AppSecret(uint AppId, string Name, int QpsLimit, string ServerSecret, string? CallbackUrl, string? CallbackSecret);

/// <summary>
/// An app's changeable settings, as they are after a change. <c>CallbackSecret</c> is shown only when this change
/// made one (a CallbackUrl set on an app that had no CallbackSecret yet), and never again.
/// </summary>
internal sealed record AppSettings(uint AppId, string Name, int QpsLimit, string? CallbackUrl, string? CallbackSecret, AppLimitsView Limits);

/// <summary>A new CallbackSecret, shown this once.</summary>
internal sealed record CallbackSecretAnswer(uint AppId, string CallbackSecret);

/// <summary>Body of <c>POST /admin/api/apps</c>; everything optional.</summary>
internal sealed record CreateApp(uint? AppId, string? Name, int? QpsLimit, string? CallbackUrl = null, AppLimits? Limits = null);

/// <summary>
/// Body of <c>PATCH /admin/api/apps/{appId}</c>; absent properties stay as they are, a CallbackUrl of <c>""</c> stops the
/// callbacks, and <c>Limits</c> replaces the app's own limits as a whole (one left out is the server's again).
/// </summary>
internal sealed record ChangeApp(string? Name, int? QpsLimit, string? CallbackUrl = null, AppLimits? Limits = null);

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
[JsonSerializable(typeof(CallbackSecretAnswer))]
[JsonSerializable(typeof(CallbackDelivery[]))]
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
[JsonSerializable(typeof(CallsPerSecond))]
[JsonSerializable(typeof(FriendListPage))]
[JsonSerializable(typeof(BlocklistView))]
[JsonSerializable(typeof(FriendApplications))]
internal sealed partial class AdminJson : JsonSerializerContext;
