using Zim.Server.Apps;

namespace Zim.Server.Admin;

internal enum AdminRefusalKind
{
    /// <summary>The call asks for something that cannot be (HTTP 400).</summary>
    Invalid,

    /// <summary>No app with that AppId is served here (HTTP 404).</summary>
    NoApp,

    /// <summary>The call clashes with what is there: an AppId taken, an app set in configuration (HTTP 409).</summary>
    Conflict,
}

/// <summary>Why the admin API refuses a call, in a sentence for the operator; the kind decides the HTTP status.</summary>
internal sealed record AdminRefusal(AdminRefusalKind Kind, string Message)
{
    public static AdminRefusal Invalid(string message) => new(AdminRefusalKind.Invalid, message);

    public static AdminRefusal NoApp(uint appId) => new(AdminRefusalKind.NoApp, $"No app {appId} is served here.");

    /// <summary>No such user in a served app: HTTP 404, as for an unknown app.</summary>
    public static AdminRefusal NoUser(uint appId, string userId) => new(AdminRefusalKind.NoApp, $"No user {userId} is registered in app {appId}.");

    public static AdminRefusal Conflict(string message) => new(AdminRefusalKind.Conflict, message);

    /// <summary>The refusal of a call about an app this server does not serve; null when it serves it.</summary>
    public static AdminRefusal? IfNotServed(AppRegistry registry, uint appId) => registry.Find(appId) is null ? NoApp(appId) : null;
}

/// <summary>What an admin service answers: the value, or the refusal that says why not. Expected failures are values.</summary>
internal readonly record struct AdminOutcome<T>(T? Value, AdminRefusal? Refusal)
{
    public static implicit operator AdminOutcome<T>(T value) => new(value, null);

    public static implicit operator AdminOutcome<T>(AdminRefusal refusal) => new(default, refusal);

    /// <summary>The value made into another by <paramref name="next"/>, or the same refusal.</summary>
    public AdminOutcome<TNext> Map<TNext>(Func<T, TNext> next) => Refusal is { } refusal ? refusal : next(Value!);
}
