using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Zim.Server.Storage;
using Zim.Server.Storage.Sqlite;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The VFS that appends a commit's WAL frames in a few large writes (decision 0005): what it writes must be, byte for byte,
/// a WAL that stock SQLite recovers after a crash, including when SQLite rewrites frames in place.
/// Its counters are the process's: the class runs alone so that no other test's SQLite file adds to them.
/// </summary>
[Collection(nameof(WalFrameVfsTests))]
public sealed class WalFrameVfsTests
{
    private const int Transactions = 40;
    private const int WalHeader = 32;
    private const int FrameHeader = 24;
    private const int PageSize = 4096;
    private static readonly string StockVfs = OperatingSystem.IsWindows() ? "win32" : "unix";

    /// <summary>
    /// The VFS holds a frame header back on the strength of the order in which SQLite writes frames, read in
    /// this version's wal.c; a new SQLite must be read again before this test is updated (the writer's
    /// check after each commit keeps answers safe meanwhile, but the frames might stop being combined).
    /// </summary>
    [Fact]
    public void TheBundledSqliteIsTheVersionWhoseFrameWritesWereRead()
    {
        SQLitePCL.Batteries_V2.Init();
        Assert.Equal("3.53.3", SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
    }

    [Fact]
    public void FramesAppendedInLargeWritesAreAWalThatStockSqliteRecoversAfterACrash()
    {
        using var folder = new TempDirectory();
        var path = folder.File("frames.db");
        using var connection = OpenThroughTheVfs(path, cachePages: 2000);
        var before = WalFrameVfs.FramesCombined;
        var writesBefore = WalFrameVfs.FrameWrites;
        var ids = new List<string>();
        for (var transaction = 0; transaction < Transactions; transaction++)
        {
            ids.AddRange(Insert(connection, 100));
            WalFrameVfs.EnsureWritten(connection);
        }

        Assert.True(WalFrameVfs.UsedBy(connection), "the connection's WAL is written through the VFS");
        Assert.Equal(0, WalFrameVfs.HeldAfterCommit);
        var combined = WalFrameVfs.FramesCombined - before;
        var writes = WalFrameVfs.FrameWrites - writesBefore;
        var copy = CopyAsAfterACrash(folder, path);
        var frames = (new FileInfo(copy + "-wal").Length - WalHeader) / (FrameHeader + PageSize);
        // The first frame after SQLite reads the WAL (as it may when a transaction begins) goes down in two writes.
        Assert.True(combined >= frames - Transactions, $"the WAL's {frames} frames were held whole, but for one a transaction at most ({combined} counted)");
        // One write per commit, and one more for every 29 frames of a long commit.
        Assert.True(writes <= Transactions + frames / 20, $"the WAL's {frames} frames went down in {writes} writes");
        AssertStockSqliteFinds(copy, ids);
    }

    [Fact]
    public void FramesRewrittenInPlaceWithinOneTransactionAreRecoveredToo()
    {
        using var folder = new TempDirectory();
        var path = folder.File("rewrites.db");
        // A page cache of 20 pages makes SQLite spill pages into the WAL in the middle of the transaction,
        // write the same pages again in place, and rewrite the frame checksums after them at commit.
        using var connection = OpenThroughTheVfs(path, cachePages: 20);
        var alone = WalFrameVfs.HeadersWrittenAlone;
        var ids = Insert(connection, 10000, updateEachTwice: true);
        WalFrameVfs.EnsureWritten(connection);

        Assert.True(WalFrameVfs.UsedBy(connection), "the connection's WAL is written through the VFS");
        Assert.True(WalFrameVfs.HeadersWrittenAlone > alone, "SQLite rewrote frame headers in place");
        Assert.Equal(0, WalFrameVfs.HeldAfterCommit);

        var copy = CopyAsAfterACrash(folder, path);
        AssertStockSqliteFinds(copy, ids);
        using var stock = OpenStock(copy);
        using var names = stock.CreateCommand();
        names.CommandText = "SELECT count(*) FROM users WHERE user_name = 'second'";
        Assert.Equal((long)ids.Count, (long)names.ExecuteScalar()!);
    }

    [Fact]
    public void ACheckpointHandsTheDatabaseFileToTheDiskAMebibyteAtATimeAndKeepsEveryRow()
    {
        using var folder = new TempDirectory();
        var path = folder.File("paced.db");
        using var connection = OpenThroughTheVfs(path, cachePages: 2000);
        var ids = new List<string>();
        for (var transaction = 0; transaction < 4; transaction++)
        {
            ids.AddRange(Insert(connection, 15000));
        }
        var paced = WalFrameVfs.CheckpointWritesPaced;
        CheckpointAndTruncate(connection);

        Assert.True(new FileInfo(path).Length > 2 * 1024 * 1024, "the checkpoint wrote more than 2 MiB");
        if (OperatingSystem.IsLinux())
        {
            Assert.True(WalFrameVfs.CheckpointWritesPaced - paced >= 2, "the checkpoint's writes were handed to the disk every MiB");
        }
        AssertStockSqliteFinds(path, ids);
    }

    [Fact]
    public void FramesOfATransactionRolledBackAreDroppedNotWrittenOverWhatAnotherWriterCommits()
    {
        using var folder = new TempDirectory();
        var path = folder.File("rollback.db");
        // A page cache of 20 pages makes SQLite spill frames into the WAL before the transaction ends; the
        // VFS holds the last of them when the transaction rolls back.
        using var first = OpenThroughTheVfs(path, cachePages: 20);
        var committed = Insert(first, 200);
        // With the WAL emptied first, rolling back reads nothing from it (what it undoes is read from the
        // database file), so nothing makes the VFS write what it holds before the write lock is given up.
        CheckpointAndTruncate(first);
        var dropped = WalFrameVfs.FramesDropped;
        using (var transaction = first.BeginTransaction())
        {
            // Ascending ids fill one leaf after another, so the pages spilled are never read back.
            using var command = first.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO users (app_id, user_id, user_name, created_at, updated_at) VALUES (1, $id, 'rolled back', 0, 0)";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            for (var i = 0; i < 3000; i++)
            {
                id.Value = $"rolled-back-{i:D8}";
                command.ExecuteNonQuery();
            }
            transaction.Rollback();
        }
        Assert.True(WalFrameVfs.FramesDropped > dropped, "frames held when the transaction rolled back were dropped");

        // Another writer commits where the rolled-back frames were to go; then the first connection reads
        // the WAL again, which is when a frame still held would have been written.
        using (var second = OpenStock(path))
        {
            committed.AddRange(Insert(second, 100));
        }
        using (var count = first.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM users";
            Assert.Equal((long)committed.Count, (long)count.ExecuteScalar()!);
        }

        AssertStockSqliteFinds(path, committed);
        AssertStockSqliteFinds(CopyAsAfterACrash(folder, path, minimumFrames: 2), committed);
    }

    // Copies the whole WAL into the database file and empties it.
    private static void CheckpointAndTruncate(SqliteConnection connection)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    // The server's store registers the VFS; a connection opened after that appends frames through it.
    private static SqliteConnection OpenThroughTheVfs(string path, int cachePages)
    {
        using (var store = new SqliteDatabase(Options.Create(new StorageOptions { Provider = "sqlite", ConnectionString = $"Data Source={path}" })))
        {
            store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = {cachePages};";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private static List<string> Insert(SqliteConnection connection, int count, bool updateEachTwice = false)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Json.NewId()).ToList();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO users (app_id, user_id, user_name, created_at, updated_at) VALUES (1, $id, 'first', 0, 0)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var next in ids)
        {
            id.Value = next;
            command.ExecuteNonQuery();
        }
        if (updateEachTwice)
        {
            command.CommandText = "UPDATE users SET user_name = $name WHERE app_id = 1 AND user_id = $id";
            var name = command.Parameters.Add("$name", SqliteType.Text);
            foreach (var value in new[] { "between", "second" })
            {
                name.Value = value;
                foreach (var next in ids)
                {
                    id.Value = next;
                    command.ExecuteNonQuery();
                }
            }
        }
        transaction.Commit();
        return ids;
    }

    // What a crash leaves: the database file and a WAL never checkpointed, copied while the writer still has them open.
    private static string CopyAsAfterACrash(TempDirectory folder, string path, int minimumFrames = 50)
    {
        var copy = folder.File("copy.db");
        File.Copy(path, copy);
        File.Copy(path + "-wal", copy + "-wal");
        Assert.True(new FileInfo(copy + "-wal").Length > minimumFrames * (FrameHeader + PageSize), "the rows are in the WAL, not yet in the database file");
        return copy;
    }

    private static SqliteConnection OpenStock(string copy)
    {
        var connection = new SqliteConnection($"Data Source=file:{copy}?vfs={StockVfs};Pooling=false");
        connection.Open();
        return connection;
    }

    private static void AssertStockSqliteFinds(string copy, List<string> ids)
    {
        using var stock = OpenStock(copy);
        using var command = stock.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
        command.CommandText = "SELECT user_id FROM users ORDER BY user_id";
        var found = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                found.Add(reader.GetString(0));
            }
        }
        Assert.Equal(ids.Order(StringComparer.Ordinal), found);
    }
}

[CollectionDefinition(nameof(WalFrameVfsTests), DisableParallelization = true)]
public sealed class WalFrameVfsCollection;
