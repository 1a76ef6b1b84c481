using System.Globalization;
using Zim.Cli.Commands;
using Zim.Client;
using Zim.Protocol;
using Zim.Protocol.Rosters;
using Zim.Protocol.Wire;

namespace Zim.Cli.Import;

/// <summary>One AddFriends call of an import: a user and up to a batch of its friends.</summary>
internal sealed record FriendBatch(long Index, string UserId, IReadOnlyList<FriendInfo> Friends);

/// <summary>
/// <c>zim friends import FILE.csv</c>: rows <c>UserId,FriendUserId[,FriendAlias]</c> (header optional), grouped by
/// UserId in order of first appearance into AddFriends calls of up to the batch size. The client paces and
/// retries; the journal and the progress line are the user import's, so a second run continues where one stopped.
/// </summary>
internal sealed class FriendImport(CliHost host, string path, string reportPath, int batchSize, ZimClientOptions options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var (batches, rejected) = await ReadAsync(cancellationToken);
        var (bytes, sha256) = await ImportJournal.FingerprintAsync(path, cancellationToken);
        var header = new JournalHeader(1, options.AppId, options.Endpoint.ToString(), bytes, sha256, batchSize, UserNameMaxBytes: 0);
        var (journal, error) = await ImportJournal.OpenAsync(ImportJournal.PathFor(path), header, cancellationToken);
        if (journal is null)
        {
            return host.Fail(error!);
        }
        await using var _ = journal;
        var earlier = journal.Earlier.ToList();
        var done = 0L;
        string? stoppedBecause = null;
        var interrupted = false;
        await using (var progress = new ProgressView(host, batches.Sum(b => (long)b.Friends.Count), earlier.Sum(b => (long)b.Registered + b.Errors.Count), () => done))
        {
            progress.Start();
            var client = host.NewClient(options);
            foreach (var batch in batches.Where(b => !journal.WasDone(b.Index)))
            {
                try
                {
                    var answer = await client.AddFriendsAsync(batch.UserId, batch.Friends, cancellationToken);
                    if (answer.Code != ZimCode.Success && answer.ErrorList.Count == 0)
                    {
                        stoppedBecause = $"the server answered {answer.Code} for {batch.UserId}: {answer.Message}";
                        break;
                    }
                    var errors = answer.ErrorList.Select(e => e with { SubMessage = $"{batch.UserId}: {e.SubMessage}" }).ToList();
                    await journal.RecordAsync(new JournalBatch(batch.Index, batch.Friends.Count - errors.Count, errors));
                    earlier.Add(new JournalBatch(batch.Index, batch.Friends.Count - errors.Count, errors));
                    done += batch.Friends.Count;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }
                catch (Exception exception) when (CommandSupport.IsServiceFailure(exception))
                {
                    stoppedBecause = exception.Message;
                    break;
                }
            }
        }
        var errorsAll = earlier.SelectMany(b => b.Errors).ToList();
        var already = errorsAll.Count(e => e.SubCode == ZimCode.AlreadyFriend);
        var report = errorsAll.Where(e => e.SubCode != ZimCode.AlreadyFriend)
            .Select(e => new ReportLine(e.UserId, "Rejected", e.SubCode, e.SubMessage)).Concat(rejected).ToList();
        host.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)}: {earlier.Sum(b => (long)b.Registered):N0} friends added, {already:N0} already friends, {report.Count:N0} rejected."));
        if (await RejectionReport.WriteAsync(reportPath, report))
        {
            host.Error.WriteLine($"zim: friends not added, and why: {reportPath}");
        }
        if (interrupted)
        {
            return host.Fail("interrupted. Run the same command again to continue.", ExitCodes.Interrupted);
        }
        if (stoppedBecause is not null)
        {
            return host.Fail($"stopped: {stoppedBecause}. Run the same command again to continue.", ExitCodes.Stopped);
        }
        return report.Count == 0 ? ExitCodes.Success : ExitCodes.Partial;
    }

    /// <summary>The batches in a fixed order (so that a journal's numbers mean the same on every run), and the rows that are no friend.</summary>
    private async Task<(List<FriendBatch> Batches, List<ReportLine> Rejected)> ReadAsync(CancellationToken cancellationToken)
    {
        var byUser = new Dictionary<string, List<FriendInfo>>(StringComparer.Ordinal);
        var order = new List<string>();
        var rejected = new List<ReportLine>();
        using var reader = new StreamReader(path);
        await foreach (var (line, fields) in Csv.ReadAsync(reader, cancellationToken))
        {
            if (line == 1 && fields.Count > 0 && fields[0].Equals("UserId", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (fields.Count is < 2 or > 3 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                rejected.Add(new ReportLine(fields.ElementAtOrDefault(1) ?? "", "Rejected", ZimCode.InvalidParameter,
                    $"line {line}: want UserId,FriendUserId[,FriendAlias]"));
                continue;
            }
            if (!byUser.TryGetValue(fields[0], out var friends))
            {
                byUser[fields[0]] = friends = [];
                order.Add(fields[0]);
            }
            friends.Add(new FriendInfo(fields[1], FriendAlias: fields.ElementAtOrDefault(2) ?? ""));
        }
        var index = 0L;
        var batches = order.SelectMany(user => byUser[user].Chunk(batchSize).Select(chunk => new FriendBatch(index++, user, chunk))).ToList();
        return (batches, rejected);
    }
}
