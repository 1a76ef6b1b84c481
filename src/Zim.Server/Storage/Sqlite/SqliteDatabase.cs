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
    /// a 64 MiB page cache and rarer checkpoints (about 40 MiB of WAL) cut the pages written per user.
    /// </summary>
    public const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 5000;
        PRAGMA cache_size = -65536;
        PRAGMA wal_autocheckpoint = 10000;
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
        """;

    private readonly string connectionString;
    private readonly SqliteWriter writer;

    public SqliteDatabase(IOptions<StorageOptions> options)
    {
        var configured = options.Value.ConnectionString;
        connectionString = PrepareConnectionString(string.IsNullOrWhiteSpace(configured) ? StorageOptions.DefaultSqlite : configured);
        writer = new SqliteWriter(OpenWriter);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Schema;
            return command.ExecuteNonQuery();
        });

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM apps";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure to answer (locked, corrupt, missing, I/O) means unreachable, never a 500.
            return false;
        }
    }

    /// <summary>A pooled connection for reads; dispose it when done.</summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the writer's next transaction; completes once it is committed.
    /// Commands must join the given transaction. A queued write always runs: it is never half-cancelled.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work) => writer.WriteAsync(work);

    public void Dispose() => writer.Dispose();

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = WriterPragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string PrepareConnectionString(string configured)
    {
        var builder = new SqliteConnectionStringBuilder(configured);
        var path = builder.DataSource;
        if (IsFile(path))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        return builder.ToString();
    }

    private static bool IsFile(string path) =>
        !string.IsNullOrEmpty(path) && path != ":memory:" && !path.StartsWith("file:", StringComparison.Ordinal);
}
