using Microsoft.Data.Sqlite;
using Zim.Server.Storage;
using Zim.Server.Storage.Sqlite;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The promises of the SQLite write path, pinned on the store itself: an answer only after the WAL that
/// holds its commit is synced, a failing request alone rolled back from its group, and a WAL that grew too
/// long restarted.
/// </summary>
public sealed class SqliteWritePathTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory folder = new();
    private readonly SemaphoreSlim gate = new(0);
    private volatile bool holding;
    private int syncs;

    public void Dispose()
    {
        gate.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task NoWriteIsAnsweredBeforeTheWalHoldingItsCommitIsSynced()
    {
        using var database = await OpenAsync();
        holding = true;
        var write = database.WriteAsync((connection, transaction) => Insert(connection, transaction, "held"));

        // The commit has returned (the row is visible to a reader), yet the write is not answered while the
        // sync of the WAL is held back.
        await WaitUntilAsync(() => CountAsync(database, "held"), 1);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(write.IsCompleted, "answered before the WAL was synced");
        Assert.Equal(1, syncs);
        holding = false;
        gate.Release();
        await write.WaitAsync(Patience, TestContext.Current.CancellationToken);

        // The commit itself does not wait for the disk: the sync beside the writer is the one that counts.
        var synchronous = await database.WriteAsync((connection, transaction) => Scalar(connection, transaction, "PRAGMA synchronous"));
        Assert.Equal(1L, synchronous);
        Assert.True(syncs >= 2, "the second write was synced too");
    }

    [Fact]
    public async Task OneFailingRequestInAGroupIsRolledBackAloneAndTheOthersAreCommitted()
    {
        using var database = await OpenAsync();
        using var started = new SemaphoreSlim(0);
        // A request that holds the writer thread until released: the three after it queue and become one group.
        var first = database.WriteAsync((connection, transaction) =>
        {
            started.Release();
            gate.Wait(Patience);
            return Insert(connection, transaction, "first");
        });
        Assert.True(await started.WaitAsync(Patience, TestContext.Current.CancellationToken));
        var before = database.WriteAsync((connection, transaction) => Insert(connection, transaction, "before"));
        var failing = database.WriteAsync<int>((connection, transaction) =>
        {
            Insert(connection, transaction, "failing");
            throw new InvalidOperationException("this request fails after its first row");
        });
        var after = database.WriteAsync((connection, transaction) => Insert(connection, transaction, "after"));
        gate.Release();

        await Task.WhenAll(first, before, after).WaitAsync(Patience, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(1L, await CountAsync(database, "before"));
        Assert.Equal(1L, await CountAsync(database, "after"));
        Assert.Equal(0L, await CountAsync(database, "failing"));
    }

    [Fact]
    public async Task AWalThatGrewPastItsLimitWhileAReaderHeldItIsRestartedByTheWriterAndKeepsEveryRow()
    {
        using var database = await OpenAsync(maxWalFrames: 50);
        var rows = 0;
        await using (var reader = new SqliteConnection($"Data Source={folder.File("zim.db")}"))
        {
            // A read transaction held open keeps checkpoints from copying past it, so the WAL only grows.
            await reader.OpenAsync(TestContext.Current.CancellationToken);
            using var snapshot = reader.BeginTransaction(deferred: true);
            using (var read = reader.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM users";
                read.ExecuteScalar();
            }
            for (; rows < 40; rows++)
            {
                await database.WriteAsync((connection, transaction) => InsertMany(connection, transaction, rows, 50));
            }
            Assert.True(new FileInfo(folder.File("zim.db-wal")).Length > 50 * 4096, "the WAL grew past the limit");
        }

        // Once the reader is gone, the next checkpoint finds the WAL too long, and the writer restarts it
        // between two groups.
        var checkpointer = database.Checkpointer!;
        var deadline = DateTime.UtcNow + Patience;
        while (checkpointer.Restarts == 0 && DateTime.UtcNow < deadline)
        {
            var row = rows++;
            await database.WriteAsync((connection, transaction) => InsertMany(connection, transaction, row, 1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.True(checkpointer.Restarts > 0, "the writer restarted the WAL");
        Assert.Equal((40 * 50) + (rows - 40), await CountAsync(database, null));
    }

    private async Task<SqliteDatabase> OpenAsync(int maxWalFrames = BackgroundCheckpointer.DefaultMaxWalFrames)
    {
        var options = new StorageOptions { ConnectionString = $"Data Source={folder.File("zim.db")}" };
        var database = new SqliteDatabase(options, TimeProvider.System, maxWalFrames, sync: wal =>
        {
            Interlocked.Increment(ref syncs);
            if (holding)
            {
                gate.Wait(Patience);
            }
            RandomAccess.FlushToDisk(wal);
        });
        await database.InitializeAsync(CancellationToken.None);
        syncs = 0;
        return database;
    }

    private static int Insert(SqliteConnection connection, SqliteTransaction transaction, string name) =>
        SqliteSchema.Execute(connection, transaction,
            $"INSERT INTO users (app_id, user_id, user_name, created_at, updated_at) VALUES (1, '{Guid.NewGuid():N}', '{name}', 0, 0)");

    private static int InsertMany(SqliteConnection connection, SqliteTransaction transaction, int batch, int count)
    {
        for (var i = 0; i < count; i++)
        {
            SqliteSchema.Execute(connection, transaction,
                $"INSERT INTO users (app_id, user_id, user_name, created_at, updated_at) VALUES (1, '{batch:D6}-{i:D4}-{new string('x', 200)}', 'many', 0, 0)");
        }
        return count;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static Task<long> CountAsync(SqliteDatabase database, string? name) =>
        database.ReadAsync(async command =>
        {
            command.CommandText = name is null ? "SELECT count(*) FROM users" : "SELECT count(*) FROM users WHERE user_name = $name";
            command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
            return (long)(await command.ExecuteScalarAsync())!;
        }, CancellationToken.None);

    private static async Task WaitUntilAsync(Func<Task<long>> count, long expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await count() != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"never reached {expected}");
            await Task.Delay(10);
        }
    }
}
