namespace Zim.Protocol.Admin;

/// <summary>
/// One answered ZIM call, as the request log of a server instance keeps it. It never holds a secret, a signature,
/// an expected signature or the query string.
/// </summary>
/// <param name="Seq">Grows by one per call of the app on this instance (also across a reset), so a watcher asks only for what is newer.</param>
/// <param name="Time">When the call was answered, by the server's clock.</param>
/// <param name="Action">The action called, or <c>-</c> when the query named none the server knows.</param>
/// <param name="Code">The answer's Code.</param>
/// <param name="DurationMs">How long the answer took, in milliseconds.</param>
/// <param name="RequestId">The answer's RequestId (also its <c>X-Request-Id</c> header).</param>
/// <param name="BodyBytes">The request body's declared length in bytes (0 when none was declared).</param>
/// <param name="Reason">For a failed call, the answer's Message: which check failed; null on success.</param>
/// <param name="Body">
/// The request body as UTF-8 text (bytes that are not UTF-8 read as U+FFFD), cut at the server's
/// <c>RequestLog:MaxBodyBytes</c> without splitting a character; null unless <c>RequestLog:Bodies</c> is on, and
/// for a call without a body.
/// </param>
/// <param name="BodyTruncated">True when <paramref name="Body"/> is cut short.</param>
public sealed record LoggedCall(
    long Seq,
    DateTimeOffset Time,
    string Action,
    int Code,
    double DurationMs,
    string RequestId,
    long BodyBytes,
    string? Reason,
    string? Body = null,
    bool BodyTruncated = false);
