using System.Collections.Concurrent;
using Zim.Client.Bulk;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Cli.Import;

/// <summary>
/// Records each answered batch in the journal (a batch with a failed user is left out, so the next run sends
/// it again), keeps every rejected or failed user for the report, and counts for the progress bar.
/// </summary>
internal sealed class ImportObserver(ImportJournal journal) : IBulkObserver
{
    private readonly long[] counts = new long[Enum.GetValues<OutcomeKind>().Length];

    /// <summary>Rejected and failed users of this run, for the report.</summary>
    public ConcurrentQueue<UserOutcome> Problems { get; } = new();

    public long Count(OutcomeKind kind) => Interlocked.Read(ref counts[(int)kind]);

    /// <summary>Users settled by this run so far.</summary>
    public long Settled => Enum.GetValues<OutcomeKind>().Sum(Count);

    public ValueTask OnUserSettledLocallyAsync(UserOutcome outcome, CancellationToken cancellationToken)
    {
        Settle(outcome);
        return ValueTask.CompletedTask;
    }

    public async ValueTask OnBatchAsync(BatchReport report, CancellationToken cancellationToken)
    {
        if (report.Outcomes.All(o => o.Kind != OutcomeKind.Failed))
        {
            var errors = report.Outcomes.Where(o => o.Kind != OutcomeKind.Registered)
                .Select(o => new UserError(o.User.UserId, o.Code, o.Reason)).ToList();
            await journal.RecordAsync(new JournalBatch(report.Index, report.Outcomes.Count - errors.Count, errors));
        }
        foreach (var outcome in report.Outcomes)
        {
            Settle(outcome);
        }
    }

    private void Settle(UserOutcome outcome)
    {
        if (outcome.Kind is OutcomeKind.Rejected or OutcomeKind.Failed)
        {
            Problems.Enqueue(outcome);
        }
        Interlocked.Increment(ref counts[(int)outcome.Kind]);
    }

    /// <summary>The outcome kind of a user a journal records as not registered.</summary>
    public static OutcomeKind KindOf(UserError error) =>
        error.SubCode == ZimCode.UserExists ? OutcomeKind.AlreadyRegistered : OutcomeKind.Rejected;
}
