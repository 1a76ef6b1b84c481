namespace Zim.Protocol.Admin;

/// <summary>
/// One attempt to deliver a server callback, as the admin API lists an app's recent deliveries (newest first).
/// Never holds the CallbackSecret or the signature.
/// </summary>
/// <param name="Time">When the attempt ended.</param>
/// <param name="Event">The callback's <c>event</c> (<c>user_action</c>).</param>
/// <param name="Action">The callback's <c>action</c> (0 online, 1 logout, 2 offline).</param>
/// <param name="UserId">The user the callback is about.</param>
/// <param name="SessionId">The session it is about.</param>
/// <param name="Attempt">1 for the first try, up to 6 (five retries).</param>
/// <param name="Status">The receiver's HTTP status; null when none came (refused, timed out, dropped unsent).</param>
/// <param name="Error">Why the attempt failed, as a sentence; null when delivered.</param>
/// <param name="Outcome"><c>delivered</c>, <c>retrying</c> (another attempt follows), or <c>dropped</c> (no more attempts, or no room in the queue).</param>
public sealed record CallbackDelivery(
    DateTimeOffset Time, string Event, int Action, string UserId, string SessionId, int Attempt, int? Status, string? Error, string Outcome);
