using System.Net;
using Microsoft.Data.Sqlite;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Real storage faults on the SQLite store: a full disk, a database file that vanishes, a lock held by
/// another process. Each gives 660000001 envelopes (never a hang or a 500), stores nothing of the failed
/// calls, is logged once per cause rather than per request, shows in /healthz, and heals by itself.
/// </summary>
public sealed class StorageFaultTests
{
    private static async Task<bool> IsStoredAsync(ZimCaller caller, string id) =>
        (await caller.PostAsync("QueryUserInfos", Json.Ids(id))).Code == ZimCode.Success;

    [Fact]
    public async Task AFullDiskFailsCleanlyOnceInTheLogAndRecoversWhenSpaceReturns()
    {
        using var disk = Tmpfs.Mount(megabytes: 2);
        using var factory = new SqliteInFolderFactory(disk.Path);
        var caller = factory.Caller(TestApp.A);

        var failedIds = new List<string>();
        for (var i = 0; i < 200 && failedIds.Count < 5; i++)
        {
            var ids = Enumerable.Range(0, 100).Select(_ => Json.NewId()).ToArray();
            var answer = await caller.PostAsync("UserRegister", Json.Users(ids));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.True(answer.Code is ZimCode.Success or ZimCode.InternalError, answer.Raw);
            if (answer.Code == ZimCode.InternalError)
            {
                failedIds.Add(ids[0]);
            }
        }
        Assert.Equal(5, failedIds.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await caller.HealthAsync());
        Assert.Single(factory.Logs.Failures());

        disk.Resize(megabytes: 256);
        foreach (var id in failedIds)
        {
            Assert.False(await IsStoredAsync(caller, id));
        }
        // The next request's write succeeds, and with it the health.
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(HttpStatusCode.OK, await caller.HealthAsync());
    }

    /// <summary>
    /// Writes would otherwise go on into the unlinked file and be lost at the next start. (Reads may still
    /// be answered from connections that had the file open: that data is still right.)
    /// </summary>
    [Fact]
    public async Task AVanishedDatabaseFileRefusesWritesUntilItIsBack()
    {
        using var factory = new ZimFactory();
        var caller = factory.Caller(TestApp.A);
        var kept = Json.NewId();
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(kept))).Code);

        var path = ((SqliteTestStore)factory.Store).DatabasePath;
        var aside = path + ".aside";
        File.Move(path, aside);
        try
        {
            var lost = Json.NewId();
            Assert.Equal(ZimCode.InternalError, (await caller.PostAsync("UserRegister", Json.Users(lost))).Code);
            Assert.Equal(ZimCode.InternalError, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await caller.HealthAsync());
            Assert.False(File.Exists(path), "a reader or writer created an empty database in its place");
        }
        finally
        {
            File.Move(aside, path);
        }

        Assert.True(await IsStoredAsync(caller, kept));
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(HttpStatusCode.OK, await caller.HealthAsync());
        Assert.Single(factory.Logs.Failures());
    }

    [Fact]
    public async Task ALockHeldByAnotherProcessGivesInternalErrorsNotAHangAndThenPasses()
    {
        using var factory = new ZimFactory();
        var caller = factory.Caller(TestApp.A);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);

        var blocked = Json.NewId();
        using (var other = new SqliteConnection(factory.Store.ConnectionString))
        {
            other.Open();
            using var transaction = other.BeginTransaction(); // IMMEDIATE: holds the write lock
            using (var command = other.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO health_probe (id, at) VALUES (2, 0)";
                command.ExecuteNonQuery();
            }
            var answer = await caller.PostAsync("UserRegister", Json.Users(blocked));
            Assert.Equal(ZimCode.InternalError, answer.Code);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await caller.HealthAsync());
            transaction.Rollback();
        }
        Assert.False(await IsStoredAsync(caller, blocked));
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(blocked))).Code);
        Assert.Equal(HttpStatusCode.OK, await caller.HealthAsync());
    }
}

/// <summary>A SQLite file written by an earlier release gains the columns added since, at start.</summary>
public sealed class SqliteUpgradeTests
{
    [Fact]
    public async Task AFileWithoutTheRotationColumnsIsUpgradedAndItsAppsStillServed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "zim-upgrade", Guid.NewGuid().ToString("N"));
        var old = new TestApp(1000000077, "77777777777777777777777777777777", 0);
        Directory.CreateDirectory(folder);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "zim.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE apps (app_id INTEGER PRIMARY KEY, server_secret TEXT NOT NULL, name TEXT NOT NULL,
                                   qps_limit INTEGER NOT NULL, created_at INTEGER NOT NULL);
                INSERT INTO apps VALUES (1000000077, '77777777777777777777777777777777', 'from an older release', 0, 0);
                """;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        using var factory = new SqliteInFolderFactory(folder);
        var caller = factory.Caller(old);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(TestApp.A).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }
}
