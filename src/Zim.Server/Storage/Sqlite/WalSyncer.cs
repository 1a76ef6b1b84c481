using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Makes committed groups durable off the writer thread. The writer commits without a sync of its own
/// (synchronous=NORMAL) and hands each committed group here; this thread syncs the WAL file once for all
/// the groups waiting and only then answers their requests. A sync of the file covers every frame written
/// before it began, so each answered request is as durable as with synchronous=FULL, while the writer
/// builds the next group instead of waiting for the disk. Checkpoints still sync the WAL before copying
/// it into the database, and the database after, as SQLite does in NORMAL mode.
/// </summary>
internal sealed class WalSyncer : IDisposable
{
    private readonly Action synced;
    private readonly Action<Exception> failed;
    private readonly Channel<Committed> queue = Channel.CreateUnbounded<Committed>(new() { SingleReader = true, SingleWriter = true });
    private readonly Thread thread;
    private SafeFileHandle? wal;
    private int walConnection = -1;

    /// <param name="synced">Told when a sync has made answered commits durable.</param>
    /// <param name="failed">
    /// Told when a sync fails. After a failed sync the kernel may have dropped the unwritten pages and a
    /// later sync would succeed over the hole, so the process must stop (decision 0003).
    /// </param>
    public WalSyncer(Action synced, Action<Exception> failed)
    {
        this.synced = synced;
        this.failed = failed;
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-wal-sync" };
        thread.Start();
    }

    /// <summary>
    /// Answers <paramref name="jobs"/>, committed on writer connection number <paramref name="connection"/>
    /// to the WAL file <paramref name="walPath"/> (as SQLite names it), once that file is synced.
    /// </summary>
    public void Enqueue(List<IWriteJob> jobs, int connection, string walPath)
    {
        if (!queue.Writer.TryWrite(new Committed(jobs, connection, walPath, null)))
        {
            var closed = new ObjectDisposedException(nameof(WalSyncer), "The store is shutting down.");
            jobs.ForEach(job => job.Fail(closed));
        }
    }

    /// <summary>
    /// Waits until everything handed over so far is synced, then closes the file. The writer calls it before
    /// closing its connection: closing the last connection may checkpoint and delete the WAL file.
    /// </summary>
    public void Drain()
    {
        using var drained = new ManualResetEventSlim();
        if (queue.Writer.TryWrite(new Committed([], -1, "", drained)))
        {
            drained.Wait();
        }
    }

    /// <summary>Syncs and answers everything handed over, then closes the file.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        thread.Join();
        wal?.Dispose();
    }

    private void Run()
    {
        var waiting = new List<Committed>();
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (queue.Reader.TryRead(out var next))
            {
                waiting.Add(next);
            }
            var newest = waiting.Where(c => c.Jobs.Count > 0).MaxBy(c => c.Connection);
            try
            {
                if (newest is not null)
                {
                    Sync(newest.Connection, newest.WalPath);
                    synced();
                }
                waiting.ForEach(c => c.Jobs.ForEach(job => job.Complete()));
            }
            catch (Exception e)
            {
                // Committed but maybe not on the disk: these requests are not answered as done.
                waiting.ForEach(c => c.Jobs.ForEach(job => job.Fail(e)));
                failed(e);
            }
            if (waiting.Any(c => c.Drained is not null))
            {
                // The writer is about to close its connection: hold no WAL file open beyond it.
                wal?.Dispose();
                wal = null;
                walConnection = -1;
            }
            waiting.ForEach(c => c.Drained?.Set());
            waiting.Clear();
        }
    }

    private void Sync(int connection, string walPath)
    {
        if (wal is null || walConnection != connection)
        {
            // A new writer connection may have a new WAL file (the old one deleted when the last connection closed).
            wal?.Dispose();
            wal = null;
            wal = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            walConnection = connection;
        }
        RandomAccess.FlushToDisk(wal);
    }

    private sealed record Committed(List<IWriteJob> Jobs, int Connection, string WalPath, ManualResetEventSlim? Drained);
}
