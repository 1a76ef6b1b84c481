using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Group commit. SQLite admits one writer and pays one sync per commit, so the writes of concurrent
/// requests queue here and a single writer thread runs all that are waiting in one transaction: each
/// request's work in a savepoint of its own (a failing request is rolled back alone), one commit and one
/// sync for the group, and only then is each request answered, with its own result. The sync is the
/// <see cref="WalSyncer"/>'s, on a thread of its own while the next group is built; a database in memory
/// has none, and its requests are answered when the commit returns.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    // Small groups keep the writer busy: while it commits one, the callers of the one before get their
    // answers and send their next requests. Bigger groups would save little: each row dirties its own page.
    private const int MaxJobsPerCommit = 8;

    // SQLite's own checkpoint runs inside a commit and stalls the group behind it, for 100 ms or more.
    // Checkpoints run beside the writer instead: when the queue is empty after a few requests, so that light
    // load never waits for one, and every 100 requests (about 10,000 pages) under sustained load.
    private const int IdleCheckpointAfterJobs = 4;
    private const int BusyCheckpointAfterJobs = 100;

    private readonly WriterConnection connection;
    private readonly StoreHealth health;
    private readonly BackgroundCheckpointer? checkpointer;
    private readonly WalSyncer? syncer;
    private readonly Channel<IWriteJob> queue = Channel.CreateUnbounded<IWriteJob>(new() { SingleReader = true });
    private readonly Thread thread;
    private int jobsSinceCheckpoint;

    /// <param name="connection">The writer's connection, with its pragmas.</param>
    /// <param name="health">Told of each group's outcome.</param>
    /// <param name="checkpointer">Null for a database in memory, which has no WAL.</param>
    /// <param name="syncer">Null for a database in memory; otherwise it answers each group once its WAL is synced.</param>
    public SqliteWriter(WriterConnection connection, StoreHealth health, BackgroundCheckpointer? checkpointer, WalSyncer? syncer)
    {
        this.connection = connection;
        this.health = health;
        this.checkpointer = checkpointer;
        this.syncer = syncer;
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-writer" };
        thread.Start();
    }

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

    /// <summary>Finishes every queued write and its sync, then stops the checkpoints and closes the connection.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        thread.Join();
        syncer?.Dispose();
        checkpointer?.Dispose();
        connection.Dispose();
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
            if (checkpointer?.WalTooLong == true)
            {
                checkpointer.CheckpointAndRestart(connection);
            }
            Commit(group);
            jobsSinceCheckpoint += group.Count;
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
        Exception? fault = null;
        try
        {
            var db = connection.Get();
            using var transaction = db.BeginTransaction();
            foreach (var job in group)
            {
                transaction.Save("job");
                try
                {
                    job.Run(db, transaction);
                    transaction.Release("job");
                    done.Add(job);
                }
                catch (Exception e)
                {
                    // This request's statements fail alone; the rest of the group goes on.
                    transaction.Rollback("job");
                    job.Fail(e);
                    fault ??= SqliteFaults.IsFileFault(e) ? e : null;
                }
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            // Nothing of the group is stored.
            group.ForEach(job => job.Fail(e));
            done.Clear();
            fault = e;
        }
        // Requests that failed on the file itself make the commit of the others no sign of health; with a
        // syncer, health is counted once the commit is on the disk.
        if (fault is not null)
        {
            health.Failed();
        }
        else if (syncer is null)
        {
            health.Succeeded();
        }
        if (done.Count > 0)
        {
            Answer(done);
        }
        if (fault is not null)
        {
            // Drop the connection, and the pages it holds: the file may be damaged, or repaired or replaced
            // meanwhile. Its last commits are synced first: closing it may checkpoint and delete the WAL.
            syncer?.Drain();
            connection.Drop(fault);
        }
    }

    // Once durable: when the syncer has synced the WAL, or at once for a database in memory.
    private void Answer(List<IWriteJob> committed)
    {
        if (syncer is null)
        {
            committed.ForEach(job => job.Complete());
        }
        else
        {
            syncer.Enqueue(committed, connection.WalPath);
        }
    }
}
