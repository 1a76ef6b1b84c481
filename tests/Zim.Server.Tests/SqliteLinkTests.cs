using System.Security.Cryptography;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A database file reached through a symbolic link: SQLite keeps its WAL beside the real file, and the
/// sync that every answer waits for must be of that WAL, not of a name derived from the link.
/// </summary>
public sealed class SqliteLinkTests
{
    [Fact]
    public async Task ADatabaseReachedThroughASymbolicLinkRegistersAndKeepsUsersWithItsWalBesideTheRealFile()
    {
        using var real = new TempDirectory();
        using var linked = new TempDirectory();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var target = real.File("zim.db");
        var first = ServerProcess.Settings(real.Path, [TestApp.A]);
        first["Secrets__Key"] = key;
        await using (var creating = await ServerProcess.StartAsync(real.Path, first))
        {
            Assert.Equal(0, await creating.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        File.CreateSymbolicLink(linked.File("zim.db"), target);
        var settings = ServerProcess.Settings(linked.Path, [TestApp.A]);
        settings["Secrets__Key"] = key;
        var ids = Enumerable.Range(0, 100).Select(_ => Json.NewId()).ToArray();

        await using (var server = await ServerProcess.StartAsync(linked.Path, settings))
        {
            var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
            var answer = await caller.PostAsync("UserRegister", Json.Users(ids));
            Assert.Equal(ZimCode.Success, answer.Code);
            Assert.Empty(answer.Errors);
            Assert.True(File.Exists(target + "-wal"), "the WAL is beside the real file");
            Assert.False(File.Exists(linked.File("zim.db-wal")), "no WAL beside the link");
            server.Kill();
        }

        await using var restarted = await ServerProcess.StartAsync(linked.Path, settings);
        var found = await new ZimCaller(restarted.Http, TestApp.A, TimeProvider.System).PostAsync("QueryUserInfos", Json.Ids(ids));
        Assert.Equal(ZimCode.Success, found.Code);
        Assert.Equal(ids.Length, found.Result.Count);
    }
}
