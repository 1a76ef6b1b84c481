using System.Collections.Concurrent;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Blocks and friendships under load against the real server process, killed with SIGKILL at random moments:
/// after each restart every block, and both directions of every friendship, answered as done are there.
/// </summary>
public abstract class RelationCrashTests<TStore> : IDisposable
    where TStore : TestStore, new()
{
    private const int Kills = 5;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "zim-crash", Guid.NewGuid().ToString("N"));
    private TStore? store;

    public void Dispose()
    {
        store?.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("AddUsersToBlacklist", "QueryBlacklist")]
    [InlineData("AddFriends", "QueryFriendList")]
    public async Task EveryAnsweredChangeSurvivesTheKills(string change, string query)
    {
        store = new TStore();
        Directory.CreateDirectory(directory);
        var settings = store.Environment(TestApp.A);
        settings["Logging__LogLevel__Default"] = "Warning";
        var random = new Random(20261202);
        var done = new ConcurrentBag<(string Owner, string Target)>();
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var server = await ServerProcess.StartAsync(directory, settings);
            var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var ids = Enumerable.Range(0, 21).Select(_ => Json.NewId()).ToArray();
                    try
                    {
                        if ((await caller.PostAsync("UserRegister", Json.Users(ids))).Code == ZimCode.Success
                            && (await caller.PostAsync(change, Body(change, ids[0], ids[1..]))).Code == ZimCode.Success)
                        {
                            done.Add((ids[0], ids[20]));
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return; // in flight at the kill: no promise was made
                    }
                }
            })).ToList();
            await Task.Delay(random.Next(100, 700), TestContext.Current.CancellationToken);
            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        await using var last = await ServerProcess.StartAsync(directory, settings);
        var check = new ZimCaller(last.Http, TestApp.A, TimeProvider.System);
        foreach (var (owner, target) in done)
        {
            Assert.Equal(20, (await check.GetAsync(query, "&FromUserId=" + owner)).Json.GetProperty("TotalCount").GetInt64());
            // A friendship's other direction was committed with it; a block has none.
            Assert.Equal(change == "AddFriends" ? 1 : 0, (await check.GetAsync(query, "&FromUserId=" + target)).Json.GetProperty("TotalCount").GetInt64());
        }
        Assert.True(done.Count > Kills, $"only {done.Count} changes were answered");
    }

    private static string Body(string change, string owner, string[] targets) => change == "AddFriends"
        ? Json.Of(new { FromUserId = owner, FriendInfos = targets.Select(t => new { UserId = t }) })
        : Json.Of(new { FromUserId = owner, UserIds = targets });
}

public sealed class RelationCrashOnSqlite : RelationCrashTests<SqliteTestStore>;

public sealed class RelationCrashOnPostgres : RelationCrashTests<PostgresTestStore>;
