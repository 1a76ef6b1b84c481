using System.Net;
using Zim.Protocol.Admin;
using Zim.Protocol.Tokens;

namespace Zim.Emulator;

/// <summary>Logins through the server's login path, as a client app's SDK login would make them.</summary>
public sealed partial class ZimEmulator
{
    /// <summary>
    /// Logs <paramref name="userId"/> in (registering it if new, with <paramref name="userName"/>): with
    /// <paramref name="token"/> if given, otherwise with a Token04 the emulator makes from the app's secret.
    /// The user is <c>Online</c> until every session ends.
    /// </summary>
    /// <exception cref="HttpRequestException">The token does not log the user in (status 401, with the reason in the message), or the input is refused.</exception>
    public Task<LoginAnswer> LoginAsync(string userId, string? token = null, string? userName = null, string os = "WEB", uint? appId = null,
        CancellationToken cancellationToken = default)
    {
        var app = AppOf(appId);
        token ??= Token04.Generate(app.AppId, app.ServerSecret, userId, TimeSpan.FromHours(24), "", TimeProvider.System);
        return AdminCalls.SendAsync(admin, HttpMethod.Post, $"apps/{Id(app.AppId)}/sessions",
            AdminCalls.Json(new LoginRequest(userId, token, userName, os), EmulatorJson.Default.LoginRequest),
            EmulatorJson.Default.LoginAnswer, cancellationToken);
    }

    /// <summary>Ends a session as a logout: the client logged out.</summary>
    public Task LogoutAsync(string sessionId, uint? appId = null, CancellationToken cancellationToken = default) =>
        EndAsync(sessionId, "logout", appId, cancellationToken);

    /// <summary>Ends a session as a lost connection: the user stays <c>Offline</c> for 120 s.</summary>
    public Task DisconnectAsync(string sessionId, uint? appId = null, CancellationToken cancellationToken = default) =>
        EndAsync(sessionId, "offline", appId, cancellationToken);

    /// <summary>The app's sessions (of one user if given), newest login first.</summary>
    public Task<SessionView[]> GetSessionsAsync(string? userId = null, uint? appId = null, CancellationToken cancellationToken = default) =>
        AdminCalls.SendAsync(admin, HttpMethod.Get, $"apps/{Id(appId)}/sessions{(userId is null ? "" : "?userId=" + WebUtility.UrlEncode(userId))}",
            null, EmulatorJson.Default.SessionViewArray, cancellationToken);

    /// <summary>
    /// The app's last callback deliveries, newest first: one entry per attempt (delivered, retrying or dropped), to see
    /// why a receiver got nothing.
    /// </summary>
    public Task<CallbackDelivery[]> GetCallbackDeliveriesAsync(uint? appId = null, CancellationToken cancellationToken = default) =>
        AdminCalls.SendAsync(admin, HttpMethod.Get, $"apps/{Id(appId)}/callbacks", null, EmulatorJson.Default.CallbackDeliveryArray, cancellationToken);

        private async Task EndAsync(string sessionId, string how, uint? appId, CancellationToken cancellationToken)
    {
        using var _ = await AdminCalls.SendAsync(admin, HttpMethod.Delete,
            $"apps/{Id(appId)}/sessions/{WebUtility.UrlEncode(sessionId)}?how={how}", null, cancellationToken).ConfigureAwait(false);
    }
}
