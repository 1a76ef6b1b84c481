namespace Zim.Server.RequestLog;

/// <summary>
/// One answered ZIM call. <c>Reason</c> is the answer's Message when the call failed: a plain sentence
/// saying which check failed (never a secret or an expected signature). <c>Seq</c> grows by one per call
/// of the app, so that a watcher asks only for what is newer than what it has.
/// </summary>
internal sealed record LoggedCall(
    long Seq, DateTimeOffset Time, string Action, int Code, double DurationMs, string RequestId, long BodyBytes, string? Reason);
