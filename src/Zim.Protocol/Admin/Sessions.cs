namespace Zim.Protocol.Admin;

/// <summary>Body of <c>POST /admin/api/apps/{appId}/sessions</c>: log a user in with a Token04, as the SDK's login does.</summary>
/// <param name="UserId">The user; registered by the login if new.</param>
/// <param name="Token">A Token04 made with the app's ServerSecret for this user.</param>
/// <param name="UserName">The name a new user is registered with; a registered user keeps its stored profile.</param>
/// <param name="Os">The client's platform, one of the callback's values; <c>WEB</c> when absent.</param>
public sealed record LoginRequest(string? UserId, string? Token, string? UserName = null, string? Os = null);

/// <summary>A login that opened a session (HTTP 201).</summary>
/// <param name="SessionId">The session, for ending it.</param>
/// <param name="UserId">The user.</param>
/// <param name="LoginTime">When, Unix seconds.</param>
/// <param name="Relogin"><c>"1"</c> when the user had a session in the 24 hours before, <c>"0"</c> otherwise.</param>
public sealed record LoginAnswer(string SessionId, string UserId, long LoginTime, string Relogin);

/// <summary>A login refused for its token (HTTP 401).</summary>
/// <param name="Error">What is wrong with the token, as a sentence (never a secret).</param>
/// <param name="Reason">One of <c>malformed</c>, <c>wrong_secret</c>, <c>wrong_app</c>, <c>wrong_user</c>, <c>expired</c>, <c>too_long</c>.</param>
public sealed record LoginRefusal(string Error, string Reason);

/// <summary>A session, as <c>GET /admin/api/apps/{appId}/sessions</c> lists it (newest login first).</summary>
/// <param name="SessionId">The session.</param>
/// <param name="UserId">Its user.</param>
/// <param name="UserName">The name given at login.</param>
/// <param name="Os">The client's platform.</param>
/// <param name="LoginTime">When it began, Unix seconds.</param>
/// <param name="State"><c>open</c>, <c>logout</c> (the client logged out) or <c>offline</c> (the connection was lost).</param>
/// <param name="EndedAt">When it ended, Unix seconds; null while open.</param>
public sealed record SessionView(string SessionId, string UserId, string UserName, string Os, long LoginTime, string State, long? EndedAt);
