using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Copies the WAL into the database on a connection and thread of its own, beside the writer, so that
/// requests are not queued behind the copy. SQLite's own checkpoint (every 40,000 pages, inside a commit,
/// which the writer must wait for) then finds little left to copy, and the WAL can start over.
/// A passive checkpoint never catches up with a writer that never pauses, and it keeps SQLite's own from
/// running meanwhile; so when the WAL passes <see cref="MaxWalFrames"/>, <see cref="WalTooLong"/> asks the
/// writer to stop between two groups for a checkpoint that restarts the WAL.
/// </summary>
internal sealed class BackgroundCheckpointer : IDisposable
{
    /// <summary>About 400 MiB of 4 KiB pages.</summary>
    public const int MaxWalFrames = 100_000;

    private readonly Func<SqliteConnection> open;
    private readonly Action<Exception> faulted;
    private readonly Lock running = new();
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly Thread thread;
    private volatile bool walTooLong;

    /// <param name="open">Opens a connection beside the writer's.</param>
    /// <param name="faulted">Told of a checkpoint that failed on the file itself.</param>
    public BackgroundCheckpointer(Func<SqliteConnection> open, Action<Exception> faulted)
    {
        this.open = open;
        this.faulted = faulted;
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-checkpoint" };
        thread.Start();
    }

    /// <summary>True when the last checkpoint found the WAL longer than <see cref="MaxWalFrames"/>.</summary>
    public bool WalTooLong => walTooLong;

    /// <summary>Asks for a checkpoint soon; a request while one is pending is the same request.</summary>
    public void Request() => requests.Writer.TryWrite(true);

    /// <summary>
    /// On the writer's thread, between two groups: waits for a running background checkpoint, then copies
    /// the whole WAL and has it start over (readers get the busy timeout to finish).
    /// </summary>
    public void CheckpointAndRestart(SqliteConnection writer)
    {
        lock (running)
        {
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
            command.ExecuteNonQuery();
            walTooLong = false;
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
                    using var connection = open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    using var result = command.ExecuteReader();
                    // busy, frames in the WAL, frames copied
                    walTooLong = result.Read() && result.GetInt64(1) >= MaxWalFrames;
                }
            }
            catch (Exception e)
            {
                // A checkpoint is an optimisation; a failing one leaves the WAL to the next. Never a crash.
                if (SqliteFaults.IsFileFault(e))
                {
                    faulted(e);
                }
            }
        }
    }
}
