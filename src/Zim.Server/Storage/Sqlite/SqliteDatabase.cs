using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// The SQLite file: one long-lived writer connection (SQLite admits one writer at a time, so writers queue
/// here instead of spinning on SQLITE_BUSY) and pooled reader connections, which WAL lets run beside it.
/// </summary>
internal sealed class SqliteDatabase(IOptions<StorageOptions> options) : IStorage, IDisposable
{
    // WAL for readers beside the writer; synchronous=FULL so that a commit survives power loss, not only
    // a crash of the process (the contract promises both).
    private const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 5000;
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

    private readonly string connectionString = PrepareConnectionString(
        string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? StorageOptions.DefaultSqlite : options.Value.ConnectionString);
    private readonly SemaphoreSlim writerGate = new(1, 1);
    private SqliteConnection? writer;

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }, cancellationToken);

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
        catch (SqliteException)
        {
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
    /// Runs <paramref name="work"/> alone on the writer connection. A failure drops the connection,
    /// so that the next write starts from a fresh one (the file may have been replaced or repaired).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await writerGate.WaitAsync(cancellationToken);
        try
        {
            writer ??= await OpenWriterAsync();
            // Once a write has begun it runs to its commit or rollback: never half-cancelled.
            return await work(writer, CancellationToken.None);
        }
        catch
        {
            writer?.Dispose();
            writer = null;
            throw;
        }
        finally
        {
            writerGate.Release();
        }
    }

    public void Dispose()
    {
        writer?.Dispose();
        writerGate.Dispose();
    }

    private async Task<SqliteConnection> OpenWriterAsync()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = WriterPragmas;
            await command.ExecuteNonQueryAsync();
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
        if (!string.IsNullOrEmpty(path) && path != ":memory:" && !path.StartsWith("file:", StringComparison.Ordinal))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        return builder.ToString();
    }
}
