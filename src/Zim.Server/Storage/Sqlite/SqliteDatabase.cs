using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// The SQLite file, composed here from its parts: pooled readers, which WAL lets run beside the writer
/// (<see cref="SqliteConnections"/>); one writer thread that commits concurrent requests' writes together
/// (<see cref="SqliteWriter"/>) on its own connection (<see cref="WriterConnection"/>); the WAL's sync
/// (<see cref="WalSyncer"/>) and checkpoints (<see cref="BackgroundCheckpointer"/>) beside it; and the health
/// that they report to (<see cref="StoreHealth"/>).
/// </summary>
internal sealed class SqliteDatabase : IStorage, IDisposable
{
    // A write that must reach the disk: a full, read-only, locked or vanished file fails it.
    private const string Probe = """
        INSERT INTO health_probe (id, at) VALUES (1, unixepoch())
        ON CONFLICT (id) DO UPDATE SET at = excluded.at
        """;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FailingWindow = TimeSpan.FromSeconds(30);

    private readonly SqliteConnections connections;
    private readonly StoreHealth health;
    private readonly SqliteWriter writer;

    public SqliteDatabase(IOptions<StorageOptions> options, TimeProvider clock)
        : this(options.Value, clock, BackgroundCheckpointer.DefaultMaxWalFrames, sync: null)
    {
    }

    /// <param name="options">Where the file is.</param>
    /// <param name="clock">The clock of the store's health.</param>
    /// <param name="maxWalFrames">For tests: the WAL length past which the writer restarts it.</param>
    /// <param name="sync">For tests: syncs the WAL file (see <see cref="WalSyncer"/>).</param>
    internal SqliteDatabase(StorageOptions options, TimeProvider clock, int maxWalFrames, Action<SafeFileHandle>? sync)
    {
        connections = new SqliteConnections(options);
        health = new StoreHealth(clock);
        var file = connections.Path is not null;
        Checkpointer = file ? new BackgroundCheckpointer(connections, maxWalFrames) : null;
        var syncer = file ? new WalSyncer(health, sync) : null;
        writer = new SqliteWriter(new WriterConnection(connections, syncedBeside: file), health, Checkpointer, syncer);
    }

    /// <summary>For tests: the checkpoints beside the writer; null for a database in memory.</summary>
    internal BackgroundCheckpointer? Checkpointer { get; }

    /// <summary>Creates the folder, the file and the schema as needed.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (connections.Path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(connections.Path)!);
        }
        await WriteAsync((connection, transaction) =>
        {
            SqliteSchema.CreateOrUpgrade(connection, transaction);
            return 0;
        });
        connections.SchemaCreated();
    }

    public StoreFault? DescribeFault(Exception exception) => SqliteFaults.Describe(connections.Path, exception);

    /// <summary>
    /// True when a read and a durable write both succeed within a few seconds, and requests' own writes
    /// have not just failed (for at most 30 s after a failure, unless one succeeds meanwhile).
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        if (health.RecentlyFailing(FailingWindow))
        {
            return false;
        }
        try
        {
            await ReadAsync(command =>
            {
                command.CommandText = "SELECT count(*) FROM apps";
                return command.ExecuteScalarAsync(cancellationToken);
            }, cancellationToken);
            await WriteAsync((connection, transaction) => SqliteSchema.Execute(connection, transaction, Probe)).WaitAsync(ProbeTimeout, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure to answer (locked, corrupt, missing, I/O) means unreachable, never a 500.
            return false;
        }
    }

    /// <summary>Runs <paramref name="read"/> with a command on a pooled reader connection.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteCommand, Task<T>> read, CancellationToken cancellationToken) =>
        OnReaderAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            return await read(command);
        }, cancellationToken);

    /// <summary>Runs <paramref name="read"/> on a pooled reader connection, on the caller's thread (SQLite's reads do not wait).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken) =>
        OnReaderAsync(connection => Task.FromResult(read(connection)), cancellationToken);

    /// <summary>A pooled connection for reads; dispose it when done. <c>ReadAsync</c> also heeds a broken file.</summary>
    public Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken) => connections.OpenReaderAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in the writer's next transaction; completes once it is committed and
    /// on the disk. Commands must join the given transaction. A queued write always runs: it is never
    /// half-cancelled.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work) => writer.WriteAsync(work);

    /// <summary>
    /// Copies the WAL into the database file and truncates it to nothing, so that no earlier version of a
    /// page is left in it; waits up to the busy timeout for readers, and is skipped if they stay.
    /// </summary>
    public async Task TruncateWalAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose()
    {
        writer.Dispose();
        connections.ClosePooledReaders();
    }

    private async Task<T> OnReaderAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await connections.OpenReaderAsync(cancellationToken);
            return await read(connection);
        }
        catch (Exception e) when (SqliteFaults.IsFileFault(e))
        {
            health.Failed(); // unhealthy until a write succeeds again
            connections.ForgetCachedPages(e);
            throw;
        }
    }
}
