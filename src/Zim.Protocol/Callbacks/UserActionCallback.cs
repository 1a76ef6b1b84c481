using System.Text.Json.Serialization;

namespace Zim.Protocol.Callbacks;

/// <summary>The <c>action</c> of a login/logout callback.</summary>
public static class UserAction
{
    /// <summary>The user came online (a login succeeded).</summary>
    public const int Online = 0;

    /// <summary>The client logged out.</summary>
    public const int Logout = 1;

    /// <summary>The connection was lost (or its heartbeat timed out).</summary>
    public const int Offline = 2;
}

/// <summary>
/// The body of the login/logout server callback (<c>event</c> = <c>user_action</c>), with the vendor's field
/// names. <c>login_time</c> and <c>relogin</c> come with every action; <c>logout_time</c> and
/// <c>logout_reason</c> only with action 1, <c>offline_time</c> only with action 2 (absent otherwise).
/// </summary>
/// <param name="AppId">The AppId in decimal.</param>
/// <param name="Event">Always <c>user_action</c>.</param>
/// <param name="Timestamp">When the callback was first sent, Unix seconds (retries repeat it).</param>
/// <param name="Nonce">Random decimal digits below 2^31 (retries repeat it).</param>
/// <param name="Signature">See <see cref="CallbackSignature"/>.</param>
/// <param name="UserId">The user.</param>
/// <param name="UserName">The user's name at login.</param>
/// <param name="Os">The client's platform: <c>PC</c>, <c>IOS_PHONE</c>, <c>ANDROID</c>, <c>MAC</c>, <c>LINUX</c>, <c>WEB</c>, <c>MINIPROGRAM</c>, <c>ANDROID_TV</c>.</param>
/// <param name="Action">See <see cref="UserAction"/>.</param>
/// <param name="SessionId">One connection of the user.</param>
/// <param name="LoginTime">When the session began, Unix seconds.</param>
/// <param name="Relogin"><c>"1"</c> when the user had a session in the 24 hours before, <c>"0"</c> otherwise.</param>
/// <param name="LogoutTime">With action 1: when, Unix seconds.</param>
/// <param name="LogoutReason">With action 1: why.</param>
/// <param name="OfflineTime">With action 2: when, Unix seconds.</param>
public sealed record UserActionCallback(
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("user_name")] string UserName,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("action")] int Action,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("login_time")] long LoginTime,
    [property: JsonPropertyName("relogin")] string Relogin,
    [property: JsonPropertyName("logout_time"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LogoutTime = null,
    [property: JsonPropertyName("logout_reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LogoutReason = null,
    [property: JsonPropertyName("offline_time"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? OfflineTime = null)
{
    /// <summary>The only user-related event.</summary>
    public const string UserActionEvent = "user_action";

    /// <summary>True when the signature is this body's, made with <paramref name="callbackSecret"/>: what a receiver checks.</summary>
    public bool IsSignedWith(string callbackSecret) =>
        // A body read from the wire may lack its nonce; that is simply not signed.
        Nonce is not null && CallbackSignature.Verify(callbackSecret, Timestamp, Nonce, Signature);
}
