using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Where the file is and how connections to it are opened: pooled readers, the writer's own connection
/// (see <see cref="WriterConnection"/>), and the rule that once the schema exists a missing file is a
/// fault to report, never a new empty database to create.
/// </summary>
internal sealed class SqliteConnections
{
    private readonly string creating;
    private readonly string existing;
    private volatile bool created;

    public SqliteConnections(StorageOptions options)
    {
        Path = options.SqliteFile();
        creating = new SqliteConnectionStringBuilder(options.SqliteConnectionString).ToString();
        existing = Path is null ? creating
            : new SqliteConnectionStringBuilder(creating) { Mode = SqliteOpenMode.ReadWrite }.ToString();
    }

    /// <summary>The full path of the file; null for a database in memory.</summary>
    public string? Path { get; }

    /// <summary>The connection string of every connection from now on: the file must exist.</summary>
    public string ConnectionString => created ? existing : creating;

    /// <summary>Called once the schema exists.</summary>
    public void SchemaCreated() => created = true;

    /// <summary>A pooled connection for reads; dispose it when done.</summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A file deleted or moved under a running server would take every later write with it into an
    /// unlinked inode: refuse to write rather than answer "registered" for users that a restart would lose.
    /// </summary>
    public void EnsureFileIsThere()
    {
        if (created && Path is not null && !File.Exists(Path))
        {
            throw new IOException($"The database file {System.IO.Path.GetFileName(Path)} is missing from its folder.");
        }
    }

    /// <summary>
    /// Closes the idle readers of this file's pool (readers in use close when they are returned), so that a
    /// disposed store holds no file open: an ephemeral store deletes its folder next.
    /// </summary>
    public void ClosePooledReaders()
    {
        ClearPool(creating);
        ClearPool(existing);
    }

    /// <summary>
    /// After a failure that may come from the file itself (damaged, unreadable, unwritable), empties the
    /// reader pool. A pooled connection keeps the pages it has read for as long as no commit says the file
    /// changed, so once the file is restored in place it would go on failing on pages it read while damaged.
    /// </summary>
    public void ForgetCachedPages(Exception exception)
    {
        if (SqliteFaults.IsFileFault(exception))
        {
            ClearPool(existing);
        }
    }

    private static void ClearPool(string connectionString)
    {
        using var pooled = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(pooled);
    }
}
