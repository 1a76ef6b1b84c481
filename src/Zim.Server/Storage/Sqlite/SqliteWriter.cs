using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Group commit. SQLite admits one writer and pays one sync per commit, so the writes of concurrent
/// requests queue here and a single writer thread runs all that are waiting in one transaction: each
/// request's work in a savepoint of its own (a failing request is rolled back alone), one commit and one
/// sync for the group, and only then is each request answered, with its own result. With a
/// <see cref="WalSyncer"/> that sync happens on a thread of its own while the next group is built.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    // Small groups keep the writer busy: while it commits one, the callers of the one before get their
    // answers and send their next requests. Bigger groups would save little: each row dirties its own page.
    private const int MaxJobsPerCommit = 8;

    // SQLite's own checkpoint runs inside a commit and stalls the group behind it, for 100 ms or more.
    // Checkpoints run beside the writer instead: when the queue is empty after a few requests, so that light
    // load never waits for one, and every 100 requests (about 10,000 pages, SQLite's interval in the raw
    // ceiling) under sustained load; SQLite's own is left as a backstop at 40,000 pages. Decision 0005.
    private const int IdleCheckpointAfterJobs = 4;
    private const int BusyCheckpointAfterJobs = 100;

    private readonly Func<SqliteConnection> open;
    private readonly Action checkFile;
    private readonly Action<Exception> faulted;
    private readonly WalSyncer? syncer;
    private readonly BackgroundCheckpointer? checkpointer;
    private readonly Channel<IWriteJob> queue = Channel.CreateUnbounded<IWriteJob>(new() { SingleReader = true });
    private readonly Thread thread;
    private SqliteConnection? connection;
    private int connectionNumber;
    private string walPath = "";
    private int jobsSinceCheckpoint;
    private long lastFailureTicks;
    private long lastSuccessTicks;

    /// <param name="open">Opens the writer's connection (again, after a failure), with its pragmas.</param>
    /// <param name="checkFile">Throws when the file must not be written now.</param>
    /// <param name="faulted">Told of a failed group, and of a request that failed because of the file itself.</param>
    /// <param name="openOther">
    /// Null when the connection's commits sync themselves. Otherwise <paramref name="open"/> sets
    /// synchronous=NORMAL, the WAL is synced after each commit by a <see cref="WalSyncer"/>, and this opens
    /// another connection to the same file, for checkpoints beside the writer.
    /// </param>
    public SqliteWriter(Func<SqliteConnection> open, Action checkFile, Action<Exception> faulted, Func<SqliteConnection>? openOther)
    {
        this.open = open;
        this.checkFile = checkFile;
        this.faulted = faulted;
        if (openOther is not null)
        {
            syncer = new WalSyncer(() => Interlocked.Exchange(ref lastSuccessTicks, DateTime.UtcNow.Ticks), SyncFailed);
            checkpointer = new BackgroundCheckpointer(openOther, faulted);
        }
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-writer" };
        thread.Start();
    }

    /// <summary>
    /// True while the latest group of requests' writes failed and none has succeeded since, for up to
    /// <paramref name="window"/>: a small probe may still fit on a nearly full disk where requests do not.
    /// </summary>
    public bool RecentlyFailing(TimeSpan window)
    {
        var failed = Interlocked.Read(ref lastFailureTicks);
        return failed > Interlocked.Read(ref lastSuccessTicks) && DateTime.UtcNow.Ticks - failed < window.Ticks;
    }

    /// <summary>Counts as a failure of the latest write, for <see cref="RecentlyFailing"/> (a read found the file broken).</summary>
    public void NoteFailure() => Interlocked.Exchange(ref lastFailureTicks, DateTime.UtcNow.Ticks);

    /// <summary>Runs <paramref name="work"/> inside the next group's transaction; completes once that group is durable.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var job = new WriteJob<T>(work);
        if (!queue.Writer.TryWrite(job))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The store is shutting down.");
        }
        return job.Task;
    }

    /// <summary>Finishes every queued write and its sync, then closes the connection.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        thread.Join();
        syncer?.Dispose();
        checkpointer?.Dispose();
        connection?.Dispose();
    }

    private void Run()
    {
        var group = new List<IWriteJob>(MaxJobsPerCommit);
        while (queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (group.Count < MaxJobsPerCommit && queue.Reader.TryRead(out var job))
            {
                group.Add(job);
            }
            jobsSinceCheckpoint += group.Count;
            if (checkpointer?.WalTooLong == true)
            {
                RestartWal();
            }
            Commit(group);
            group.Clear();
            var idle = !queue.Reader.TryPeek(out _);
            if (checkpointer is not null && jobsSinceCheckpoint >= (idle ? IdleCheckpointAfterJobs : BusyCheckpointAfterJobs))
            {
                jobsSinceCheckpoint = 0;
                checkpointer.Request();
            }
        }
    }

    private void Commit(List<IWriteJob> group)
    {
        var done = new List<IWriteJob>(group.Count);
        Exception? fileFault = null;
        try
        {
            checkFile();
            if (connection is null)
            {
                connection = open();
                connectionNumber++;
                // The file SQLite writes its WAL beside: symbolic links resolved, as SQLite resolves them.
                walPath = SQLitePCL.raw.sqlite3_db_filename(connection.Handle, "main").utf8_to_string() + "-wal";
            }
            using var transaction = connection.BeginTransaction();
            foreach (var job in group)
            {
                transaction.Save("job");
                try
                {
                    job.Run(connection, transaction);
                    transaction.Release("job");
                    done.Add(job);
                }
                catch (Exception e)
                {
                    // This request's statements fail alone; the rest of the group goes on.
                    transaction.Rollback("job");
                    job.Fail(e);
                    fileFault ??= SqliteFaults.IsFileFault(e) ? e : null;
                }
            }
            transaction.Commit();
            WalFrameVfs.EnsureWritten(connection);
            // Requests that failed on the file itself make the commit of the others no sign of health;
            // with a WAL syncer, health is counted once the commit is on the disk.
            if (fileFault is null && syncer is null)
            {
                Interlocked.Exchange(ref lastSuccessTicks, DateTime.UtcNow.Ticks);
            }
            else if (fileFault is not null)
            {
                NoteFailure();
            }
        }
        catch (Exception e)
        {
            NoteFailure();
            // Nothing of the group is stored.
            group.ForEach(job => job.Fail(e));
            done.Clear();
            fileFault = e;
        }
        if (done.Count > 0)
        {
            Answer(done);
        }
        if (fileFault is not null)
        {
            // Drop the connection, and the pages it holds: the file may be damaged, or repaired or replaced
            // meanwhile. Its last commits are synced first: closing it may checkpoint and delete the WAL.
            syncer?.Drain();
            connection?.Dispose();
            connection = null;
            faulted(fileFault);
        }
    }

    // Once durable: at once when the commit synced itself, else when the WAL syncer has synced it.
    private void Answer(List<IWriteJob> committed)
    {
        if (syncer is null)
        {
            committed.ForEach(job => job.Complete());
        }
        else
        {
            syncer.Enqueue(committed, connectionNumber, walPath);
        }
    }

    private void RestartWal()
    {
        try
        {
            if (connection is not null)
            {
                checkpointer!.CheckpointAndRestart(connection);
            }
        }
        catch (SqliteException e)
        {
            // Busy readers: the next group tries again. A file fault shows in the group's own commit.
            faulted(e);
        }
    }

    /// <summary>
    /// A failed fsync may have dropped the pages it could not write, and a later fsync would then succeed
    /// over the hole: every commit answered after it could be lost at the next recovery. Stop, as
    /// PostgreSQL does, so that the next start recovers from what is really on the disk.
    /// </summary>
    private static void SyncFailed(Exception exception)
    {
        Environment.FailFast($"The database's write-ahead log could not be synced to disk ({exception.Message}); "
            + "stopping so that the next start recovers from what is on the disk.", exception);
    }
}
