using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Copies the WAL into the database on a connection and thread of its own, beside the writer, so that
/// requests are not queued behind the copy. SQLite's own checkpoint (every 10,000 pages, inside a
/// commit, which the writer must wait for) then finds little left to copy, and the WAL can start over.
/// </summary>
internal sealed class BackgroundCheckpointer : IDisposable
{
    private readonly Func<SqliteConnection> open;
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly Thread thread;

    public BackgroundCheckpointer(Func<SqliteConnection> open)
    {
        this.open = open;
        thread = new Thread(Run) { IsBackground = true, Name = "sqlite-checkpoint" };
        thread.Start();
    }

    /// <summary>Asks for a checkpoint soon; a request while one is pending is the same request.</summary>
    public void Request() => requests.Writer.TryWrite(true);

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
                using var connection = open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // A checkpoint is an optimisation; a busy or failing one leaves the WAL to the next commit's.
            }
        }
    }
}
