using Microsoft.Extensions.Options;
using Zim.Protocol.Admin;
using Zim.Protocol.Tokens;
using Zim.Protocol.Validation;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.Callbacks;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>A login's result: the session opened, or the token's refusal (the call's own refusals are the outcome's).</summary>
internal sealed record LoginResult(LoginAnswer? Answer, LoginRefusal? TokenRefusal);

/// <summary>
/// The login path of this server (the real service's SDK login, for tests): a Token04 verified against the app's
/// secrets opens a session, registering the user if new; ending it is a logout or a lost connection.
/// </summary>
internal sealed class SessionAdmin(ISessionStore store, AppRegistry registry, SessionCallbacks callbacks, IOptions<ApiOptions> api, TimeProvider clock)
{
    public const string DefaultOs = "WEB";

    public static readonly IReadOnlyList<string> OsValues = ["PC", "IOS_PHONE", "ANDROID", "MAC", "LINUX", "WEB", "MINIPROGRAM", "ANDROID_TV"];

    public async Task<AdminOutcome<LoginResult>> LoginAsync(uint appId, LoginRequest body, CancellationToken cancellationToken)
    {
        if (registry.Find(appId) is not { } app)
        {
            return AdminRefusal.NoApp(appId);
        }
        // The registration's rules, since a login registers a new user: UserId, not a bot's, UserName. Each
        // message names its field.
        var name = body.UserName ?? "";
        if (UserRules.CheckRegistration(new(body.UserId!, name), api.Value.UserNameMaxBytes) is { } invalid)
        {
            return AdminRefusal.Invalid(invalid.Message);
        }
        var os = body.Os ?? DefaultOs;
        if (!OsValues.Contains(os, StringComparer.Ordinal))
        {
            return AdminRefusal.Invalid($"Os '{os}' is not one of {string.Join(", ", OsValues)}.");
        }
        var now = clock.GetUtcNow();
        var check = Token04.Verify(body.Token, appId, body.UserId!, [.. app.SecretsAt(now)], now);
        if (!check.IsValid)
        {
            return new LoginResult(null, new LoginRefusal(check.Problem!, check.Reason!));
        }
        var session = new SessionRecord(SessionIds.Next(now), body.UserId!, name, os, now.ToUnixTimeSeconds());
        var opened = (await store.OpenAsync(appId, session, cancellationToken)).Session;
        // The app as it is now: a CallbackUrl set while the token was checked applies.
        callbacks.Opened(registry.Find(appId) ?? app, opened);
        return new LoginResult(new LoginAnswer(opened.SessionId, opened.UserId, opened.LoginTime, opened.Relogin ? "1" : "0"), null);
    }

    /// <summary>Ends a session as a logout (<c>how=logout</c>, the default) or a lost connection (<c>how=offline</c>).</summary>
    public async Task<AdminRefusal?> EndAsync(uint appId, string sessionId, string? how, CancellationToken cancellationToken)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        var kind = how ?? SessionRecord.Logout;
        if (kind is not (SessionRecord.Logout or SessionRecord.Offline))
        {
            return AdminRefusal.Invalid($"how must be {SessionRecord.Logout} or {SessionRecord.Offline}, not '{how}'.");
        }
        var ended = await store.EndAsync(appId, sessionId, kind, clock.GetUtcNow().ToUnixTimeSeconds(), cancellationToken);
        if (ended is null)
        {
            return new AdminRefusal(AdminRefusalKind.NoApp, $"App {appId} has no session {sessionId}.");
        }
        if (ended.EndedNow && registry.Find(appId) is { } app)
        {
            callbacks.Ended(app, ended.Session);
        }
        return null;
    }

    public async Task<AdminOutcome<SessionView[]>> ListAsync(uint appId, string? userId, int? limit, CancellationToken cancellationToken)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        if (limit is < 1 or > 1000)
        {
            return AdminRefusal.Invalid("limit must be 1 to 1000.");
        }
        var sessions = await store.ListAsync(appId, userId, limit ?? 100, cancellationToken);
        return sessions.Select(s => new SessionView(s.SessionId, s.UserId, s.UserName, s.Os, s.LoginTime, s.EndKind ?? "open", s.EndedAt)).ToArray();
    }
}
