using System.Collections.Concurrent;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Blocks under load against the real server process, killed with SIGKILL at random moments: after each
/// restart every block answered as done is there.
/// </summary>
public abstract class BlocklistCrashTests<TStore> : IDisposable
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

    [Fact]
    public async Task EveryAnsweredBlockSurvivesTheKills()
    {
        store = new TStore();
        Directory.CreateDirectory(directory);
        var settings = store.Environment(TestApp.A);
        settings["Logging__LogLevel__Default"] = "Warning";
        var random = new Random(20261202);
        var blocked = new ConcurrentBag<string>();
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var server = await ServerProcess.StartAsync(directory, settings);
            var calls = new BlocklistCalls(new ZimCaller(server.Http, TestApp.A, TimeProvider.System));
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var ids = Enumerable.Range(0, 21).Select(_ => Json.NewId()).ToArray();
                    try
                    {
                        if ((await calls.Caller.PostAsync("UserRegister", Json.Users(ids))).Code == ZimCode.Success
                            && (await calls.AddAsync(ids[0], ids[1..])).Code == ZimCode.Success)
                        {
                            blocked.Add(ids[0]);
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
        var check = new BlocklistCalls(new ZimCaller(last.Http, TestApp.A, TimeProvider.System));
        foreach (var owner in blocked)
        {
            Assert.Equal(20, (await check.QueryAsync(owner)).Json.GetProperty("TotalCount").GetInt64());
        }
        Assert.True(blocked.Count > Kills, $"only {blocked.Count} blocks were answered");
    }
}

public sealed class BlocklistCrashOnSqlite : BlocklistCrashTests<SqliteTestStore>;

public sealed class BlocklistCrashOnPostgres : BlocklistCrashTests<PostgresTestStore>;
