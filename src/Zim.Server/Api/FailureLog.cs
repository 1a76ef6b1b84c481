using System.Collections.Concurrent;

namespace Zim.Server.Api;

/// <summary>
/// Logs an unexpected failure once per cause (exception type and message) per minute, with the number
/// of like failures since, so that a broken disk under load writes one line, not one per request.
/// </summary>
internal sealed partial class FailureLog(TimeProvider clock, ILogger<FailureLog> logger)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Cause> causes = new();

    public void Report(Exception exception, string action, uint? appId, string requestId)
    {
        var key = $"{exception.GetType().FullName}: {exception.Message}";
        var now = clock.GetUtcNow();
        var cause = causes.GetOrAdd(key, _ => new Cause());
        long suppressed;
        lock (cause)
        {
            if (cause.LoggedAt is { } last && now - last < Quiet)
            {
                cause.Suppressed++;
                return;
            }
            suppressed = cause.Suppressed;
            cause.Suppressed = 0;
            cause.LoggedAt = now;
        }
        Failed(logger, exception, action, appId, requestId, suppressed);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "{Action} app {AppId} failed with an unexpected error, request {RequestId} ({Suppressed} more like it since the last report)")]
    private static partial void Failed(ILogger logger, Exception exception, string action, uint? appId, string requestId, long suppressed);

    private sealed class Cause
    {
        public DateTimeOffset? LoggedAt;
        public long Suppressed;
    }
}
