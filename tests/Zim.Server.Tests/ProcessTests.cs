using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The real server process: first start, and durability across SIGKILL.</summary>
public abstract partial class ProcessTests<TStore> : IDisposable
    where TStore : TestStore, new()
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "zim-process-tests", Guid.NewGuid().ToString("N"));
    private readonly TStore store = new();

    protected ProcessTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        store.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files do not matter.
        }
        GC.SuppressFinalize(this);
    }

    private Dictionary<string, string> Settings(bool withApp) => withApp ? store.Environment(TestApp.A) : store.Environment();

    [Fact]
    public async Task AFirstStartCreatesAnAppPrintsItsSecretOnceAndKeepsIt()
    {
        TestApp app;
        var userId = Json.NewId();
        await using (var first = await ServerProcess.StartAsync(directory, Settings(withApp: false)))
        {
            var appId = uint.Parse(AppIdLine().Match(first.Output).Groups[1].Value, CultureInfo.InvariantCulture);
            var secret = SecretLine().Match(first.Output).Groups[1].Value;
            Assert.Equal(32, secret.Length);
            app = new TestApp(appId, secret, 20);
            var caller = new ZimCaller(first.Http, app, TimeProvider.System);
            Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(userId))).Code);
            first.Kill();
        }

        await using var second = await ServerProcess.StartAsync(directory, Settings(withApp: false));
        Assert.DoesNotContain(app.ServerSecret, second.Output, StringComparison.Ordinal);
        var again = new ZimCaller(second.Http, app, TimeProvider.System);
        var answer = await again.PostAsync("UserRegister", Json.Users(userId));
        Assert.Equal(ZimCode.UserExists, answer.Code);
    }

    /// <summary>
    /// Registration load from several callers; the process is killed mid-load, three times. Every user
    /// ever answered as registered must be found after each restart.
    /// </summary>
    [Fact]
    public async Task EveryUserReportedRegisteredSurvivesSigkill()
    {
        var reported = new ConcurrentBag<string>();
        for (var cycle = 0; cycle < 3; cycle++)
        {
            await using var server = await ServerProcess.StartAsync(directory, Settings(withApp: true));
            var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
            await VerifyAllPresentAsync(caller, reported);

            var answered = 0;
            using var stop = new CancellationTokenSource();
            var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var ids = Enumerable.Range(0, 50).Select(_ => Json.NewId()).ToArray();
                    ZimAnswer answer;
                    try
                    {
                        answer = await caller.PostAsync("UserRegister", Json.Users(ids));
                    }
                    catch (HttpRequestException)
                    {
                        return; // killed mid-request: this call's outcome is unknown, so it promises nothing
                    }
                    Assert.Equal(ZimCode.Success, answer.Code);
                    var failed = answer.Errors.Select(e => e.UserId).ToHashSet();
                    foreach (var id in ids.Where(id => !failed.Contains(id)))
                    {
                        reported.Add(id);
                    }
                    Interlocked.Increment(ref answered);
                }
            })).ToList();

            while (Volatile.Read(ref answered) < 20 * (cycle + 1))
            {
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }

        await using var last = await ServerProcess.StartAsync(directory, Settings(withApp: true));
        await VerifyAllPresentAsync(new ZimCaller(last.Http, TestApp.A, TimeProvider.System), reported);
        Assert.True(reported.Count >= 3000, $"only {reported.Count} users were registered");
    }

    private static async Task VerifyAllPresentAsync(ZimCaller caller, IEnumerable<string> expected)
    {
        foreach (var chunk in expected.Chunk(ZimLimits.MaxBatch))
        {
            var answer = await caller.PostAsync("QueryUserInfos", Json.Ids(chunk));
            Assert.Empty(answer.Errors);
            Assert.Equal(chunk.Length, answer.Result.Count);
        }
    }

    [GeneratedRegex(@"AppId:\s+(\d+)")]
    private static partial Regex AppIdLine();

    [GeneratedRegex(@"ServerSecret:\s+([0-9a-f]{32})")]
    private static partial Regex SecretLine();
}

public sealed class ProcessOnSqlite : ProcessTests<SqliteTestStore>
{
    [Fact]
    public async Task WithoutStorageSettingsTheDatabaseIsDataZimDbInTheWorkingDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "zim-process-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using (var server = await ServerProcess.StartAsync(directory, new Dictionary<string, string>()))
            {
                Assert.Contains("ServerSecret:", server.Output, StringComparison.Ordinal);
            }
            Assert.True(File.Exists(Path.Combine(directory, "data", "zim.db")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

public sealed class ProcessOnPostgres : ProcessTests<PostgresTestStore>;
