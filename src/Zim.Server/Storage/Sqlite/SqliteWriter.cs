using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Group commit. SQLite admits one writer and pays one sync per commit, so the writes of concurrent
/// requests queue here and a single writer thread runs all that are waiting in one transaction: each
/// request's work in a savepoint of its own (a failing request is rolled back alone), one commit and one
/// sync for the group, and only then is each request answered, with its own result.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private const int MaxJobsPerCommit = 128;

    // Under sustained load SQLite's own checkpoint (every 10,000 pages) runs inside a commit and stalls the
    // group behind it. A writer that finds the queue empty checkpoints early instead, while little has
    // accumulated, so that light load never waits for a large checkpoint.
    private const int IdleCheckpointAfterJobs = 4;

    private readonly Func<SqliteConnection> open;
    private readonly Action checkFile;
    private readonly Action<Exception> faulted;
    private readonly Channel<IWriteJob> queue = Channel.CreateUnbounded<IWriteJob>(new() { SingleReader = true });
    private readonly Thread thread;
    private SqliteConnection? connection;
    private int jobsSinceCheckpoint;
    private long lastFailureTicks;
    private long lastSuccessTicks;

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

    /// <param name="open">Opens the writer's connection (again, after a failure).</param>
    /// <param name="checkFile">Throws when the file must not be written now.</param>
    /// <param name="faulted">Told of a failed group, and of a request that failed because of the file itself.</param>
    public SqliteWriter(Func<SqliteConnection> open, Action checkFile, Action<Exception> faulted)
    {
        this.open = open;
        this.checkFile = checkFile;
        this.faulted = faulted;
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

    /// <summary>Finishes every queued write, then closes the connection.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        thread.Join();
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
            Commit(group);
            jobsSinceCheckpoint += group.Count;
            group.Clear();
            if (!queue.Reader.TryPeek(out _) && jobsSinceCheckpoint >= IdleCheckpointAfterJobs)
            {
                CheckpointWhileIdle();
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
            connection ??= open();
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
            // Requests that failed on the file itself make the commit of the others no sign of health.
            if (fileFault is null)
            {
                Interlocked.Exchange(ref lastSuccessTicks, DateTime.UtcNow.Ticks);
            }
            else
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
        if (fileFault is not null)
        {
            // Drop the connection, and the pages it holds: the file may be damaged, or repaired or replaced meanwhile.
            connection?.Dispose();
            connection = null;
            faulted(fileFault);
        }
        done.ForEach(job => job.Complete());
    }

    private void CheckpointWhileIdle()
    {
        jobsSinceCheckpoint = 0;
        try
        {
            using var command = connection?.CreateCommand();
            if (command is not null)
            {
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
            }
        }
        catch (SqliteException)
        {
            // A checkpoint is an optimisation; a busy or failing one leaves the WAL to the next commit's.
        }
    }

    private interface IWriteJob
    {
        void Run(SqliteConnection connection, SqliteTransaction transaction);
        void Complete();
        void Fail(Exception exception);
    }

    private sealed class WriteJob<T>(Func<SqliteConnection, SqliteTransaction, T> work) : IWriteJob
    {
        // Continuations must not run on the writer thread: it has the next group to commit.
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;

        public void Run(SqliteConnection connection, SqliteTransaction transaction) => result = work(connection, transaction);

        public void Complete() => completion.TrySetResult(result!);

        public void Fail(Exception exception) => completion.TrySetException(exception);
    }
}
