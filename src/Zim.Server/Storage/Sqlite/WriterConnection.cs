using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// The writer thread's one connection: opened with the writer's pragmas when first needed, checked
/// before each group (the file must still be there), and dropped after a fault so that the next group
/// opens a fresh one with an empty page cache (the file may have been damaged, repaired or replaced).
/// </summary>
/// <param name="connections">Where the file is.</param>
/// <param name="syncedBeside">
/// True when a <see cref="WalSyncer"/> syncs the WAL after each commit: the commit itself then does not
/// wait for the disk (synchronous=NORMAL). False for a database in memory, which has nothing to sync.
/// </param>
internal sealed class WriterConnection(SqliteConnections connections, bool syncedBeside) : IDisposable
{
    /// <summary>
    /// WAL for readers beside the writer; synchronous=FULL unless the WAL is synced beside the writer, so that
    /// an answered commit survives power loss, not only a crash of the process (the contract promises both). Random
    /// UserIds dirty about a page per row, so a 64 MiB page cache. Checkpoints run beside the writer
    /// (<see cref="BackgroundCheckpointer"/>); SQLite's own, inside a commit, is a backstop at 40,000 pages.
    /// secure_delete=FAST zeroes what a change frees inside a page it writes anyway (no extra I/O), so
    /// that a replaced value (a secret stored in clear text before, a deleted user) does not linger in the file.
    /// Savepoints journal pages in memory, not in a temporary file.
    /// </summary>
    public const string Pragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 5000;
        PRAGMA cache_size = -65536;
        PRAGMA wal_autocheckpoint = 40000;
        PRAGMA secure_delete = FAST;
        PRAGMA temp_store = MEMORY;
        """;

    private const string SyncedBeside = "PRAGMA synchronous = NORMAL;";

    private SqliteConnection? connection;

    /// <summary>The WAL file of the open connection, as SQLite names it (symbolic links resolved); empty when none is open.</summary>
    public string WalPath { get; private set; } = "";

    /// <summary>The open connection, opened first if there is none; throws when the file must not be written now.</summary>
    public SqliteConnection Get()
    {
        connections.EnsureFileIsThere();
        return connection ??= Open();
    }

    /// <summary>Closes the connection after a fault; the next <see cref="Get"/> opens a new one.</summary>
    public void Drop(Exception fault)
    {
        connection?.Dispose();
        connection = null;
        WalPath = "";
        connections.ForgetCachedPages(fault);
    }

    public void Dispose() => connection?.Dispose();

    // Not pooled: a writer dropped after a failure must come back with a fresh page cache, not the same one.
    private SqliteConnection Open()
    {
        var opened = new SqliteConnection(new SqliteConnectionStringBuilder(connections.ConnectionString) { Pooling = false }.ToString());
        try
        {
            opened.Open();
            // SQLite falls back to read-only when the file cannot be opened for writing; a writer must not.
            if (connections.Path is not null && IsReadOnly(opened))
            {
                throw new IOException($"The database file {Path.GetFileName(connections.Path)} can only be opened read-only.");
            }
            using var command = opened.CreateCommand();
            command.CommandText = syncedBeside ? Pragmas + SyncedBeside : Pragmas;
            command.ExecuteNonQuery();
            WalPath = SQLitePCL.raw.sqlite3_db_filename(opened.Handle, "main").utf8_to_string() + "-wal";
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    private static bool IsReadOnly(SqliteConnection connection) => SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;
}
