using System.Collections.Concurrent;
using Zim.Client.Bulk;

namespace Zim.Client.Tests;

/// <summary>Keeps every outcome a bulk registration reports.</summary>
internal sealed class RecordingObserver : IBulkObserver
{
    public ConcurrentQueue<UserOutcome> Outcomes { get; } = new();
    public ConcurrentQueue<long> Batches { get; } = new();

    public ValueTask OnUserSettledLocallyAsync(UserOutcome outcome, CancellationToken cancellationToken)
    {
        Outcomes.Enqueue(outcome);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnBatchAsync(BatchReport report, CancellationToken cancellationToken)
    {
        Batches.Enqueue(report.Index);
        foreach (var outcome in report.Outcomes)
        {
            Outcomes.Enqueue(outcome);
        }
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<string> Ids(OutcomeKind kind) => Outcomes.Where(o => o.Kind == kind).Select(o => o.User.UserId).ToList();
}
