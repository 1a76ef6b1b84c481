using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Makes committed groups durable off the writer thread. The writer commits without a sync of its own
/// (synchronous=NORMAL: the commit's frames are handed to the kernel, not synced) and hands each committed
/// group here; this thread syncs the WAL file once for all the groups waiting and only then answers their
/// requests. A sync of the file covers every frame written before it began, so each answered request is as
/// durable as with synchronous=FULL, while the writer builds the next group instead of waiting for the
/// disk (decision 0005 has the measurements). Checkpoints still sync the WAL before copying it into the
/// database, and the database after, as SQLite does in NORMAL mode.
/// </summary>
internal sealed class WalSyncer : IDisposable
{
    private readonly StoreHealth health;
    private readonly Action<SafeFileHandle> sync;
    private readonly Channel<Committed> queue = Channel.CreateUnbounded<Committed>(new() { SingleReader = true, SingleWriter = true });
    private readonly Thread thread;
    private SafeFileHandle? wal;
    private string walPath = "";

    /// <param name="health">Told when a sync has made answered commits durable.</param>
    /// <param name="sync">
    /// Syncs the file: <see cref="RandomAccess.FlushToDisk"/>; for tests, a seam that can hold the sync back.
    /// </param>
    public WalSyncer(StoreHealth health, Action<SafeFileHandle>? sync = null)
    {
        this.health = health;
        this.sync = sync ?? RandomAccess.FlushToDisk;
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-wal-sync" };
        thread.Start();
    }

    /// <summary>Answers <paramref name="jobs"/>, committed to the WAL file at <paramref name="path"/>, once that file is synced.</summary>
    public void Enqueue(List<IWriteJob> jobs, string path)
    {
        if (!queue.Writer.TryWrite(new Committed(jobs, path, null)))
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
        if (queue.Writer.TryWrite(new Committed([], "", drained)))
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
            // A writer reopened after a fault may write a new WAL file: the last group names the current one.
            var newest = waiting.LastOrDefault(c => c.Jobs.Count > 0);
            try
            {
                if (newest is not null)
                {
                    Sync(newest.WalPath);
                    health.Succeeded();
                }
                waiting.ForEach(c => c.Jobs.ForEach(job => job.Complete()));
            }
            catch (Exception e)
            {
                // Committed but maybe not on the disk: these requests are not answered as done.
                waiting.ForEach(c => c.Jobs.ForEach(job => job.Fail(e)));
                Stop(e);
            }
            if (waiting.Any(c => c.Drained is not null))
            {
                // The writer is about to close its connection: hold no WAL file open beyond it.
                wal?.Dispose();
                wal = null;
            }
            waiting.ForEach(c => c.Drained?.Set());
            waiting.Clear();
        }
    }

    private void Sync(string path)
    {
        // The writer drains this thread before it closes its connection, which closes the file here: a
        // connection opened afterwards may find a new WAL file at the same path, and that one is opened anew.
        if (wal is null || walPath != path)
        {
            wal?.Dispose();
            wal = null;
            wal = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            walPath = path;
        }
        sync(wal);
    }

    /// <summary>
    /// A failed fsync may have dropped the pages it could not write, and a later fsync would then succeed
    /// over the hole: every commit answered after it could be lost at the next recovery. Stop, as
    /// PostgreSQL does, so that the next start recovers from what is really on the disk.
    /// </summary>
    private static void Stop(Exception exception) =>
        Environment.FailFast($"The database's write-ahead log could not be synced to disk ({exception.Message}); "
            + "stopping so that the next start recovers from what is on the disk.", exception);

    private sealed record Committed(List<IWriteJob> Jobs, string WalPath, ManualResetEventSlim? Drained);
}
