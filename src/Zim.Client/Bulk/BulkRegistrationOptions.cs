using Zim.Protocol;

namespace Zim.Client.Bulk;

/// <summary>How a <see cref="ZimBulkRegistrar"/> batches, checks and reports.</summary>
public sealed record BulkRegistrationOptions
{
    /// <summary>Users per call, 1 to 100.</summary>
    public int BatchSize { get; init; } = ZimLimits.MaxBatch;

    /// <summary>Calls in flight at once; pacing still holds the app's limit.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>The server's UserName limit in bytes (64 by the contract; some servers allow up to 256).</summary>
    public int UserNameMaxBytes { get; init; } = ZimLimits.DefaultUserNameMaxBytes;

    /// <summary>Batches that an earlier run already completed; they are counted as skipped and not sent.</summary>
    public Func<long, bool>? IsBatchDone { get; init; }

    /// <summary>Receives every outcome as it becomes known; called concurrently.</summary>
    public IBulkObserver? Observer { get; init; }
}

/// <summary>Receives outcomes during a bulk registration. Calls may come from several threads at once.</summary>
public interface IBulkObserver
{
    /// <summary>A user refused before any call: invalid locally, or a repeat of an earlier user of the input.</summary>
    ValueTask OnUserSettledLocallyAsync(UserOutcome outcome, CancellationToken cancellationToken);

    /// <summary>
    /// A batch whose outcome is known. The run counts the batch only after this returns, so an observer
    /// that records it durably never misses one.
    /// </summary>
    ValueTask OnBatchAsync(BatchReport report, CancellationToken cancellationToken);
}
