using System.Globalization;
using System.Security.Cryptography;
using Zim.Protocol.Callbacks;
using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Callbacks;

/// <summary>
/// The login/logout callback (<c>event</c> = <c>user_action</c>) of a session's change, made, signed with the app's
/// CallbackSecret and queued; nothing when the app has no CallbackUrl. Returns once queued, never waits for delivery.
/// </summary>
internal sealed class SessionCallbacks(CallbackSender sender, TimeProvider clock)
{
    /// <summary>What a logout's <c>logout_reason</c> says: the client logged out.</summary>
    public const string LogoutReason = "logout";

    /// <summary>Action 0: the session opened.</summary>
    public void Opened(AppRecord app, SessionRecord session) => Send(app, session, UserAction.Online);

    /// <summary>Action 1 (logout) or 2 (offline), as the session ended.</summary>
    public void Ended(AppRecord app, SessionRecord session) =>
        Send(app, session, session.EndKind == SessionRecord.Offline ? UserAction.Offline : UserAction.Logout);

    private void Send(AppRecord app, SessionRecord session, int action)
    {
        if (app.CallbackUrl is not { } url || app.CallbackSecret is not { } secret)
        {
            return;
        }
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        // Below 2^31, so that a receiver may read it as an integer.
        var nonce = RandomNumberGenerator.GetInt32(int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var callback = new UserActionCallback(
            app.AppId.ToString(CultureInfo.InvariantCulture), UserActionCallback.UserActionEvent, timestamp, nonce,
            CallbackSignature.Compute(secret, timestamp, nonce), session.UserId, session.UserName, session.Os, action, session.SessionId,
            session.LoginTime, session.Relogin ? "1" : "0",
            LogoutTime: action == UserAction.Logout ? session.EndedAt : null,
            LogoutReason: action == UserAction.Logout ? LogoutReason : null,
            OfflineTime: action == UserAction.Offline ? session.EndedAt : null);
        sender.Enqueue(app.AppId, url, callback);
    }
}
