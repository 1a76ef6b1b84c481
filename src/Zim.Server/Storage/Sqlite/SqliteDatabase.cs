using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// The SQLite file: one writer thread that commits concurrent requests' writes together (see
/// <see cref="SqliteWriter"/>), and pooled reader connections, which WAL lets run beside it.
/// </summary>
internal sealed class SqliteDatabase : IStorage, IDisposable
{
    /// <summary>
    /// WAL for readers beside the writer; synchronous=FULL so that a commit survives power loss, not only
    /// a crash of the process (the contract promises both). Random UserIds dirty about a page per row, so
    /// a 64 MiB page cache and rarer checkpoints (every 10,000 pages, about 40 MiB) cut the pages written per user.
    /// secure_delete=FAST zeroes what a change frees inside a page it writes anyway (no extra I/O), so
    /// that a replaced value (a secret stored in clear text before, a deleted user) does not linger in the file.
    /// Savepoints journal pages in memory, not in a temporary file.
    /// </summary>
    public const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 5000;
        PRAGMA cache_size = -65536;
        PRAGMA wal_autocheckpoint = 10000;
        PRAGMA secure_delete = FAST;
        PRAGMA temp_store = MEMORY;
        """;

    // A file database's commits are made durable by WalSyncer, which syncs the WAL before any request of
    // the group is answered, on a thread of its own; the commit itself then need not wait for the disk.
    // Its checkpoints run beside the writer (BackgroundCheckpointer); the one inside a commit is a backstop.
    private const string WithWalSyncerAndCheckpointer = """
        PRAGMA synchronous = NORMAL;
        PRAGMA wal_autocheckpoint = 40000;
        """;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS apps (
            app_id        INTEGER PRIMARY KEY,
            server_secret TEXT    NOT NULL,
            name          TEXT    NOT NULL,
            qps_limit     INTEGER NOT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS users (
            app_id      INTEGER NOT NULL,
            user_id     TEXT    NOT NULL,
            user_name   TEXT    NOT NULL DEFAULT '',
            user_avatar TEXT    NOT NULL DEFAULT '',
            extra       TEXT    NOT NULL DEFAULT '',
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (app_id, user_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS health_probe (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL
        );
        """;

    // Columns added after the first release: a file created before them gains them at start.
    private const string HasRotationColumns = "SELECT count(*) FROM pragma_table_info('apps') WHERE name = 'previous_secret'";

    private const string AddRotationColumns = """
        ALTER TABLE apps ADD COLUMN previous_secret TEXT;
        ALTER TABLE apps ADD COLUMN previous_until INTEGER NOT NULL DEFAULT 0;
        """;

    // A write that must reach the disk: a full, read-only, locked or vanished file fails it.
    private const string Probe = """
        INSERT INTO health_probe (id, at) VALUES (1, unixepoch())
        ON CONFLICT (id) DO UPDATE SET at = excluded.at
        """;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FailingWindow = TimeSpan.FromSeconds(30);

    private readonly string connectionString;
    private readonly string readerConnectionString;
    private readonly string? path;
    private readonly SqliteWriter writer;
    private volatile bool initialized;

    // Every connection of the process, this store's and any other, appends a commit's WAL frames in a few
    // large writes and has its checkpoints paced (WalFrameVfs).
    static SqliteDatabase() => WalFrameVfs.Register();

    public SqliteDatabase(IOptions<StorageOptions> options)
    {
        path = options.Value.SqliteFile();
        connectionString = new SqliteConnectionStringBuilder(options.Value.SqliteConnectionString).ToString();
        // Once the schema exists, a missing file is a fault to report, never a new empty database to create.
        readerConnectionString = path is null ? connectionString
            : new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();
        writer = new SqliteWriter(OpenWriter, EnsureFileIsThere, NoteFault, path is null ? null : OpenOther);
    }

    /// <summary>Creates the folder, the file and the schema as needed.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        await WriteAsync((connection, transaction) =>
        {
            Execute(connection, transaction, Schema);
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = HasRotationColumns;
            return (long)check.ExecuteScalar()! == 0 ? Execute(connection, transaction, AddRotationColumns) : 0;
        });
        initialized = true;
    }

    public StoreFault? DescribeFault(Exception exception) => SqliteFaults.Describe(path, exception);

    /// <summary>
    /// True when a read and a durable write both succeed within a few seconds, and requests' own writes
    /// have not just failed (for at most 30 s after a failure, unless one succeeds meanwhile).
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        if (writer.RecentlyFailing(FailingWindow))
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
            await WriteAsync((connection, transaction) => Execute(connection, transaction, Probe)).WaitAsync(ProbeTimeout, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure to answer (locked, corrupt, missing, I/O) means unreachable, never a 500.
            return false;
        }
    }

    /// <summary>Runs <paramref name="read"/> with a command on a pooled reader connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteCommand, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            return await read(command);
        }
        catch (Exception e) when (SqliteFaults.IsFileFault(e))
        {
            writer.NoteFailure(); // unhealthy until a write succeeds again
            NoteFault(e);
            throw;
        }
    }

    /// <summary>A pooled connection for reads; dispose it when done. <see cref="ReadAsync"/> also heeds a broken file.</summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(initialized ? readerConnectionString : connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the writer's next transaction; completes once it is committed.
    /// Commands must join the given transaction. A queued write always runs: it is never half-cancelled.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work) => writer.WriteAsync(work);

    /// <summary>
    /// Copies the WAL into the database file and truncates it to nothing, so that no earlier version of a
    /// page is left in it; waits up to the busy timeout for readers, and is skipped if they stay.
    /// </summary>
    public async Task TruncateWalAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => writer.Dispose();

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// A file deleted or moved under a running server would take every later write with it into an
    /// unlinked inode: refuse to write rather than answer "registered" for users that a restart would lose.
    /// </summary>
    private void EnsureFileIsThere()
    {
        if (initialized && path is not null && !File.Exists(path))
        {
            throw new IOException($"The database file {Path.GetFileName(path)} is missing from its folder.");
        }
    }

    /// <summary>
    /// After a failure that may come from the file itself (damaged, unreadable, unwritable), empties the
    /// reader pool. A pooled connection keeps the pages it has read for as long as no commit says the file
    /// changed, so once the file is restored in place it would go on failing on pages it read while damaged.
    /// </summary>
    private void NoteFault(Exception exception)
    {
        if (SqliteFaults.IsFileFault(exception))
        {
            using var pooled = new SqliteConnection(readerConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }

    // Not pooled: a writer dropped after a failure must come back with a fresh page cache, not the same one.
    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(initialized ? readerConnectionString : connectionString)
        {
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            // SQLite falls back to read-only when the file cannot be opened for writing; a writer must not.
            if (path is not null && SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            {
                throw new IOException($"The database file {Path.GetFileName(path)} can only be opened read-only.");
            }
            using var command = connection.CreateCommand();
            command.CommandText = path is null ? WriterPragmas : WriterPragmas + WithWalSyncerAndCheckpointer;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // A pooled connection beside the writer, for the background checkpoints.
    private SqliteConnection OpenOther()
    {
        var connection = new SqliteConnection(readerConnectionString);
        connection.Open();
        return connection;
    }
}
