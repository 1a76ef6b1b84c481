using System.Net;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A SQLite database and its folder that become read-only: under a running server, writes answer
/// 660000001 (reads still answer), one log line, /healthz 503, and recovery once writable again; at start,
/// a one-line refusal. Read-only is made with the immutable attribute, which binds root too (the tests
/// run as root, for whom chmod changes nothing); without it the tests skip, saying so.
/// </summary>
public sealed class ReadOnlyStorageTests
{
    [Fact]
    public async Task ADatabaseThatBecomesReadOnlyFailsWritesCleanlyLogsOnceAndHealsWhenWritableAgain()
    {
        using var factory = new ZimFactory();
        var caller = factory.Caller(TestApp.A);
        var kept = Json.NewId();
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(kept))).Code);
        var store = (SqliteTestStore)factory.Store;

        var lost = new List<string>();
        using (Immutable.Make(store.DatabasePath, store.DatabasePath + "-wal", store.Folder))
        {
            for (var i = 0; i < 10; i++)
            {
                lost.Add(Json.NewId());
                var register = await caller.PostAsync("UserRegister", Json.Users(lost[^1]));
                Assert.Equal((HttpStatusCode.OK, ZimCode.InternalError), (register.Status, register.Code));
                var modify = await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = kept, UserName = "changed" } } }));
                Assert.Equal((HttpStatusCode.OK, ZimCode.InternalError), (modify.Status, modify.Code));
            }
            Assert.Equal(ZimCode.Success, (await caller.PostAsync("QueryUserInfos", Json.Ids(kept))).Code);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await caller.HealthAsync());
            Assert.Contains("cannot be opened or written", Assert.Single(factory.Logs.Failures()).Text, StringComparison.Ordinal);
        }

        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids([.. lost]))).Code);
        var unchanged = await caller.PostAsync("QueryUserInfos", Json.Ids(kept));
        Assert.Equal("", unchanged.Result[0].GetProperty("UserName").GetString());
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(lost[0]))).Code);
        Assert.Equal(HttpStatusCode.OK, await caller.HealthAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReadOnlyDataFolderStopsTheStartInOneClearLine(bool withDatabase)
    {
        using var directory = new TempDirectory();
        var path = directory.File("zim.db");
        if (withDatabase)
        {
            await using var earlier = await ServerProcess.StartAsync(directory.Path, TestApp.A);
            Assert.Equal(0, await earlier.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        using (Immutable.Make(directory.Path, path))
        {
            var output = await ServerProcess.RefusedStartAsync(directory.Path, ServerProcess.Settings(directory.Path, [TestApp.A]));
            Assert.Contains($"Cannot start: The database file {path} cannot be opened or written", output, StringComparison.Ordinal);
            Assert.Contains($"The folder {directory.Path} and the files in it must be writable by the server", output, StringComparison.Ordinal);
        }
    }
}
