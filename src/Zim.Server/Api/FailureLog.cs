using System.Collections.Concurrent;
using Zim.Server.Storage;

namespace Zim.Server.Api;

/// <summary>
/// Logs an unexpected failure once per cause per minute, with the number of like failures since, so that
/// a broken disk under load writes one line, not one per request. The cause is the store's kind of fault
/// when the database itself is at fault (with what to do about it), else the exception type and message.
/// </summary>
internal sealed partial class FailureLog(IStorage storage, TimeProvider clock, ILogger<FailureLog> logger)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Cause> causes = new();

    public void Report(Exception exception, string action, uint? appId, string requestId)
    {
        var fault = storage.DescribeFault(exception);
        var key = fault is null ? $"{exception.GetType().FullName}: {exception.Message}" : $"store {fault.Kind}";
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
        if (fault is null)
        {
            Failed(logger, exception, action, appId, requestId, suppressed);
        }
        else
        {
            StoreFailed(logger, exception, action, appId, fault.Description, requestId, suppressed);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "{Action} app {AppId} failed with an unexpected error, request {RequestId} ({Suppressed} more like it since the last report)")]
    private static partial void Failed(ILogger logger, Exception exception, string action, uint? appId, string requestId, long suppressed);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "{Action} app {AppId} failed: {Fault} Request {RequestId} ({Suppressed} more like it since the last report)")]
    private static partial void StoreFailed(ILogger logger, Exception exception, string action, uint? appId, string fault, string requestId, long suppressed);

    private sealed class Cause
    {
        public DateTimeOffset? LoggedAt;
        public long Suppressed;
    }
}
