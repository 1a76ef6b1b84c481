using System.Net;
using Microsoft.Data.Sqlite;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A SQLite file with garbage over its header or its pages: under a running server, 660000001 envelopes,
/// one log line, /healthz 503, and recovery without a restart once the file is restored; before a start,
/// a one-line refusal.
/// </summary>
public sealed class SqliteCorruptionTests
{
    private const int PageSize = 4096;

    /// <summary>Writes over the file in place, as a failing disk or a stray process would: same file, new bytes.</summary>
    private static void WriteOver(string path, long offset, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Position = offset;
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    private static byte[] Garbage(long length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData("header")]
    [InlineData("pages")]
    public async Task GarbageOverTheFileUnderARunningServerFailsCallsCleanlyLogsOnceAndHealsWhenTheFileIsRestored(string where)
    {
        using var factory = new ZimFactory();
        var caller = factory.Caller(TestApp.A);
        var kept = Enumerable.Range(0, 100).Select(_ => Json.NewId()).ToArray();
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(kept))).Code);
        var path = ((SqliteTestStore)factory.Store).DatabasePath;
        // The copy to restore: taken with the WAL checkpointed into the file, so that the file alone is the database.
        factory.Store.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        var copy = File.ReadAllBytes(path);

        var (offset, length) = where == "header" ? (0L, 100L) : (PageSize, copy.Length - PageSize);
        WriteOver(path, offset, Garbage(length));
        var lost = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            lost.Add(Json.NewId());
            var register = await caller.PostAsync("UserRegister", Json.Users(lost[^1]));
            Assert.Equal((HttpStatusCode.OK, ZimCode.InternalError), (register.Status, register.Code));
            var query = await caller.PostAsync("QueryUserInfos", Json.Ids(kept[i]));
            Assert.Equal((HttpStatusCode.OK, ZimCode.InternalError), (query.Status, query.Code));
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await caller.HealthAsync());
        var logged = Assert.Single(factory.Logs.Failures());
        Assert.Contains(where == "header" ? "file is not a database" : "malformed", logged.Text, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", logged.Text, StringComparison.Ordinal);

        WriteOver(path, 0, copy);
        var found = await caller.PostAsync("QueryUserInfos", Json.Ids(kept));
        Assert.Equal((ZimCode.Success, kept.Length), (found.Code, found.Result.Count));
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids([.. lost]))).Code);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(lost[0]))).Code);
        Assert.Equal(HttpStatusCode.OK, await caller.HealthAsync());
        Assert.Equal("ok", IntegrityCheck(factory.Store.ConnectionString));
    }

    [Theory]
    [InlineData("header")]
    [InlineData("pages")]
    public async Task AFileWithGarbageOverItStopsTheStartInOneClearLine(string where)
    {
        using var directory = new TempDirectory();
        var path = directory.File("zim.db");
        // Stopped as a service manager stops it, so that the WAL is copied in and removed: the file alone is the
        // database. (A killed server leaves its WAL, which may still hold intact copies of the pages the next start
        // reads, and then the garbage below would not be seen.)
        await using (var first = await ServerProcess.StartAsync(directory.Path, TestApp.A))
        {
            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.False(File.Exists(path + "-wal"));
        var size = new FileInfo(path).Length;
        Assert.True(size > PageSize, $"the database is {size} bytes, one page or less");
        var (offset, length) = where == "header" ? (0L, 100L) : (PageSize, size - PageSize);
        WriteOver(path, offset, Garbage(length));

        var output = await ServerProcess.RefusedStartAsync(directory.Path, ServerProcess.Settings(directory.Path, [TestApp.A]));
        Assert.Contains($"Cannot start: The database file {path} is damaged or not a SQLite database", output, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", output, StringComparison.Ordinal);
    }

    private static string IntegrityCheck(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
