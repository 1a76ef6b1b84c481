using System.Collections.Concurrent;
using System.Globalization;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>SIGTERM during load: in-flight calls finish, answered and durable; new ones are refused cleanly.</summary>
public sealed class ShutdownTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "zim-shutdown", Guid.NewGuid().ToString("N"));
    private readonly SqliteTestStore store = new();

    public ShutdownTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task SigtermFinishesInFlightCallsDurablyAndRefusesNewOnes()
    {
        var settings = store.Environment(TestApp.A);
        var registered = new ConcurrentBag<string>();
        var answeredAfterSignal = 0;
        var signalled = false;

        await using (var server = await ServerProcess.StartAsync(directory, settings))
        {
            var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var ids = Enumerable.Range(0, 100).Select(_ => Json.NewId()).ToArray();
                    ZimAnswer answer;
                    try
                    {
                        answer = await caller.PostAsync("UserRegister", Json.Users(ids));
                    }
                    catch (HttpRequestException)
                    {
                        return; // refused: the server no longer takes new calls
                    }
                    Assert.Equal(ZimCode.Success, answer.Code);
                    if (Volatile.Read(ref signalled))
                    {
                        Interlocked.Increment(ref answeredAfterSignal);
                    }
                    foreach (var id in ids)
                    {
                        registered.Add(id);
                    }
                }
            })).ToList();

            await Task.Delay(1500, TestContext.Current.CancellationToken);
            Volatile.Write(ref signalled, true);
            Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(30)));
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            await Assert.ThrowsAsync<HttpRequestException>(() => caller.PostAsync("UserRegister", Json.Users(Json.NewId())));
        }

        await using var restarted = await ServerProcess.StartAsync(directory, settings);
        var check = new ZimCaller(restarted.Http, TestApp.A, TimeProvider.System);
        foreach (var chunk in registered.Chunk(ZimLimits.MaxBatch))
        {
            Assert.Empty((await check.PostAsync("QueryUserInfos", Json.Ids(chunk))).Errors);
        }
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{registered.Count} users answered as registered, all present after restart; {answeredAfterSignal} calls answered after SIGTERM");
    }
}
