using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Copies the WAL into the database on a connection and thread of its own, beside the writer, so that
/// requests are not queued behind the copy. SQLite's own checkpoint (every 40,000 pages, inside a commit,
/// which the writer must wait for) then finds little left to copy, and the WAL can start over.
/// A passive checkpoint never catches up with a writer that never pauses, and it keeps SQLite's own from
/// running meanwhile; so when the WAL passes a limit (100,000 frames, about 400 MiB), <see cref="WalTooLong"/>
/// asks the writer to stop between two groups for a checkpoint that restarts the WAL.
/// </summary>
internal sealed class BackgroundCheckpointer : IDisposable
{
    public const int DefaultMaxWalFrames = 100_000;

    private readonly SqliteConnections connections;
    private readonly int maxWalFrames;
    private readonly Lock running = new();
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly Thread thread;
    private volatile bool walTooLong;
    private int restarts;

    /// <param name="connections">Opens the pooled connection the checkpoints run on.</param>
    /// <param name="maxWalFrames">The WAL length past which the writer restarts it.</param>
    public BackgroundCheckpointer(SqliteConnections connections, int maxWalFrames = DefaultMaxWalFrames)
    {
        this.connections = connections;
        this.maxWalFrames = maxWalFrames;
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-checkpoint" };
        thread.Start();
    }

    /// <summary>True when the last checkpoint found the WAL longer than the limit.</summary>
    public bool WalTooLong => walTooLong;

    /// <summary>How many times the writer restarted the WAL.</summary>
    public int Restarts => Volatile.Read(ref restarts);

    /// <summary>Asks for a checkpoint soon; a request while one is pending is the same request.</summary>
    public void Request() => requests.Writer.TryWrite(true);

    /// <summary>
    /// On the writer's thread, between two groups: waits for a running background checkpoint, then copies
    /// the whole WAL and has it start over (readers get the busy timeout to finish). Busy readers leave
    /// it to the next group; a fault of the file shows in the group's own commit.
    /// </summary>
    public void CheckpointAndRestart(WriterConnection writer)
    {
        lock (running)
        {
            try
            {
                using var command = writer.Get().CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
                using var result = command.ExecuteReader();
                // busy (1 when readers kept it from restarting), frames in the WAL, frames copied. When busy,
                // the next background checkpoint measures again rather than every group waiting for readers.
                walTooLong = false;
                if (result.Read() && result.GetInt64(0) == 0)
                {
                    Interlocked.Increment(ref restarts);
                }
            }
            catch (Exception e) when (e is SqliteException or IOException)
            {
                connections.ForgetCachedPages(e);
            }
        }
    }

    public void Dispose()
    {
        requests.Writer.TryComplete();
        thread.Join();
    }

    private void Run()
    {
        while (requests.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            requests.Reader.TryRead(out _);
            try
            {
                lock (running)
                {
                    using var connection = connections.OpenReaderAsync(CancellationToken.None).GetAwaiter().GetResult();
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    using var result = command.ExecuteReader();
                    // busy, frames in the WAL, frames copied
                    walTooLong = result.Read() && result.GetInt64(1) >= maxWalFrames;
                }
            }
            catch (Exception e)
            {
                // A checkpoint is an optimisation; a failing one leaves the WAL to the next. Never a crash.
                connections.ForgetCachedPages(e);
            }
        }
    }
}
