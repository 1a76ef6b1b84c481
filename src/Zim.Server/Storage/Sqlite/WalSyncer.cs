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
    private readonly string walPath;
    private readonly Action<Exception> failed;
    private readonly Channel<Committed> queue = Channel.CreateUnbounded<Committed>(new() { SingleReader = true, SingleWriter = true });
    private readonly Thread thread;
    private SafeFileHandle? wal;
    private int walConnection = -1;

    public WalSyncer(string walPath, Action<Exception> failed)
    {
        this.walPath = walPath;
        this.failed = failed;
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-wal-sync" };
        thread.Start();
    }

    /// <summary>Answers <paramref name="jobs"/>, committed on writer connection number <paramref name="connection"/>, once the WAL is synced.</summary>
    public void Enqueue(List<IWriteJob> jobs, int connection) => queue.Writer.TryWrite(new Committed(jobs, connection, null));

    /// <summary>
    /// Waits until everything handed over so far is synced. The writer calls it before closing its
    /// connection: closing the last connection may checkpoint and delete the WAL file this thread syncs.
    /// </summary>
    public void Drain()
    {
        var drained = new ManualResetEventSlim();
        if (queue.Writer.TryWrite(new Committed([], -1, drained)))
        {
            drained.Wait();
        }
        drained.Dispose();
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
            try
            {
                Sync(waiting.Max(c => c.Connection));
                waiting.ForEach(c => c.Jobs.ForEach(job => job.Complete()));
            }
            catch (Exception e)
            {
                // Committed but maybe not on the disk: these requests are not answered as done.
                failed(e);
                waiting.ForEach(c => c.Jobs.ForEach(job => job.Fail(e)));
            }
            waiting.ForEach(c => c.Drained?.Set());
            waiting.Clear();
        }
    }

    private void Sync(int connection)
    {
        if (connection < 0)
        {
            return;
        }
        if (wal is null || walConnection != connection)
        {
            // A new writer connection may have a new WAL file (the old one deleted when the last connection closed).
            wal?.Dispose();
            wal = null;
            wal = File.OpenHandle(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            walConnection = connection;
        }
        RandomAccess.FlushToDisk(wal);
    }

    private sealed record Committed(List<IWriteJob> Jobs, int Connection, ManualResetEventSlim? Drained);
}
