using System.Collections.Concurrent;
using System.Globalization;
using Zim.Cli.Commands;
using Zim.Client;
using Zim.Client.Bulk;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Cli.Import;

/// <summary>One run of an import: resume from the journal, register the rest, report, summarise.</summary>
internal sealed class ImportRun(CliHost host, ImportSettings settings, ZimClientOptions options, string journalPath)
{
    private readonly ConcurrentQueue<ReportLine> unreadable = new();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (bytes, sha256) = await ImportJournal.FingerprintAsync(settings.Input.Path, cancellationToken);
        var header = new JournalHeader(1, options.AppId, options.Endpoint.ToString(), bytes, sha256, settings.BatchSize, settings.UserNameMaxBytes);
        var (journal, error) = await ImportJournal.OpenAsync(journalPath, header, cancellationToken);
        if (journal is null)
        {
            return host.Fail(error!);
        }
        await using var _ = journal;
        var earlier = journal.Earlier.ToList();
        var earlierUsers = earlier.Sum(b => (long)b.Registered + b.Errors.Count);
        if (earlier.Count > 0)
        {
            host.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"zim: resuming: an earlier run completed {earlier.Count:N0} batches ({earlierUsers:N0} users); they are not sent again."));
        }

        var observer = new ImportObserver(journal);
        var started = host.Clock.GetTimestamp();
        BulkResult? result = null;
        await using (var progress = new ProgressView(host, settings.Input.CountRecords(), earlierUsers, () => observer.Settled + unreadable.Count))
        {
            progress.Start();
            try
            {
                result = await new ZimBulkRegistrar(host.NewClient(options)).RegisterAsync(UsersAsync(cancellationToken), new BulkRegistrationOptions
                {
                    BatchSize = settings.BatchSize,
                    MaxConcurrency = settings.Concurrency,
                    UserNameMaxBytes = settings.UserNameMaxBytes,
                    IsBatchDone = journal.WasDone,
                    Observer = observer,
                }, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: every answered batch is in the journal; the summary below says how far it got.
            }
        }
        var elapsed = host.Clock.GetElapsedTime(started);

        var earlierErrors = earlier.SelectMany(b => b.Errors).ToList();
        var registered = earlier.Sum(b => (long)b.Registered) + observer.Count(OutcomeKind.Registered);
        var already = earlierErrors.Count(e => ImportObserver.KindOf(e) == OutcomeKind.AlreadyRegistered) + observer.Count(OutcomeKind.AlreadyRegistered);
        var report = earlierErrors.Where(e => ImportObserver.KindOf(e) == OutcomeKind.Rejected)
            .Select(e => new ReportLine(e.UserId, nameof(OutcomeKind.Rejected), e.SubCode, e.SubMessage))
            .Concat(observer.Problems.Select(o => new ReportLine(o.User.UserId, o.Kind.ToString(), o.Code, o.Reason)))
            .Concat(unreadable)
            .ToList();
        var failed = observer.Count(OutcomeKind.Failed);
        var thisRun = observer.Settled + unreadable.Count;
        host.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(settings.Input.Path)}: {registered:N0} registered, {already:N0} already registered, " +
            $"{report.Count - failed:N0} rejected, {failed:N0} failed; this run settled {thisRun:N0} users in {elapsed.TotalSeconds:N1} s " +
            $"({(elapsed.TotalSeconds > 0 ? thisRun / elapsed.TotalSeconds : 0):N0} users/s)."));
        if (await RejectionReport.WriteAsync(settings.ReportPath, report))
        {
            host.Error.WriteLine($"zim: users not registered, and why: {settings.ReportPath}");
        }

        if (result is null)
        {
            return host.Fail("interrupted. Run the same command again to continue.", ExitCodes.Interrupted);
        }
        if (result.StoppedBecause is { } why)
        {
            return host.Fail($"stopped: {why}. Run the same command again to continue.", ExitCodes.Stopped);
        }
        return report.Count == 0 ? ExitCodes.Success : ExitCodes.Partial;
    }

    private async IAsyncEnumerable<RegisterUserInfo> UsersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in settings.Input.ReadAsync(cancellationToken))
        {
            if (row.User is null)
            {
                unreadable.Enqueue(new ReportLine("", nameof(OutcomeKind.Rejected), ZimCode.InvalidParameter, row.Problem!));
                continue;
            }
            yield return row.User;
        }
    }
}
