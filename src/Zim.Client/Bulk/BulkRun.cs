using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Client.Bulk;

/// <summary>One bulk registration: a reader that checks and batches, and workers that send.</summary>
internal sealed class BulkRun(ZimClient client, BulkRegistrationOptions options)
{
    private readonly Channel<(long Index, RegisterUserInfo[] Users)> batches =
        Channel.CreateBounded<(long, RegisterUserInfo[])>(options.MaxConcurrency * 2);
    private readonly long[] counts = new long[Enum.GetValues<OutcomeKind>().Length];
    private long skipped;
    private string? stoppedBecause;

    public async Task<BulkResult> ExecuteAsync(IAsyncEnumerable<RegisterUserInfo> users, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, options.MaxConcurrency).Select(_ => Task.Run(async () =>
        {
            try
            {
                await WorkAsync(abort.Token).ConfigureAwait(false);
            }
            catch
            {
                // The reader may be waiting for room in the channel: release it.
                await abort.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }, CancellationToken.None)).ToArray();

        ExceptionDispatchInfo? readFailure = null;
        try
        {
            await ReadAsync(users, abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A worker failed; its exception is the one to throw.
        }
        catch (Exception exception)
        {
            readFailure = ExceptionDispatchInfo.Capture(exception);
        }
        finally
        {
            batches.Writer.TryComplete();
        }
        await Task.WhenAll(workers).ConfigureAwait(false);
        readFailure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        return new BulkResult(Tally(), stoppedBecause);
    }

    private BulkTally Tally() => new(
        Interlocked.Read(ref counts[(int)OutcomeKind.Registered]),
        Interlocked.Read(ref counts[(int)OutcomeKind.AlreadyRegistered]),
        Interlocked.Read(ref counts[(int)OutcomeKind.Rejected]),
        Interlocked.Read(ref counts[(int)OutcomeKind.Failed]),
        Interlocked.Read(ref skipped));

    private async Task ReadAsync(IAsyncEnumerable<RegisterUserInfo> users, CancellationToken cancellationToken)
    {
        var screen = new UserScreen(options.UserNameMaxBytes);
        var batch = new List<RegisterUserInfo>(options.BatchSize);
        long index = 0;
        await foreach (var user in users.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (Volatile.Read(ref stoppedBecause) is not null)
            {
                return;
            }
            if (screen.Check(user) is { } settled)
            {
                await SettleAsync(settled, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                batch.Add(user);
                if (batch.Count == options.BatchSize)
                {
                    await batches.Writer.WriteAsync((index++, batch.ToArray()), cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        if (batch.Count > 0)
        {
            await batches.Writer.WriteAsync((index, batch.ToArray()), cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask SettleAsync(UserOutcome outcome, CancellationToken cancellationToken)
    {
        if (options.Observer is { } observer)
        {
            await observer.OnUserSettledLocallyAsync(outcome, cancellationToken).ConfigureAwait(false);
        }
        Interlocked.Increment(ref counts[(int)outcome.Kind]);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var (index, users) in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (options.IsBatchDone?.Invoke(index) == true)
            {
                Interlocked.Add(ref skipped, users.Length);
                continue;
            }
            var report = Volatile.Read(ref stoppedBecause) is { } why
                ? BatchOutcomes.Failed(index, users, ZimCode.InternalError, $"Not sent: the run stopped ({why}).")
                : await SendAsync(index, users, cancellationToken).ConfigureAwait(false);
            if (options.Observer is { } observer)
            {
                await observer.OnBatchAsync(report, cancellationToken).ConfigureAwait(false);
            }
            foreach (var outcome in report.Outcomes)
            {
                Interlocked.Increment(ref counts[(int)outcome.Kind]);
            }
        }
    }

    private async Task<BatchReport> SendAsync(long index, RegisterUserInfo[] users, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.RegisterUsersAsync(users, cancellationToken).ConfigureAwait(false);
            if (response.Code != ZimCode.Success && response.ErrorList.Count == 0)
            {
                Stop($"the server answered {response.Code}: {response.Message}");
            }
            return BatchOutcomes.Of(index, users, response);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidDataException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Stop(exception.Message);
            return BatchOutcomes.Failed(index, users, ZimCode.InternalError, exception.Message);
        }
    }

    private void Stop(string why) => Interlocked.CompareExchange(ref stoppedBecause, why, null);
}
