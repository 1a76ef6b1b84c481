using System.Globalization;
using System.Net.Http.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// When Redis goes away the server keeps serving with per-instance limits, says so in /healthz and in
/// its log (once), and shares its limits again when Redis comes back.
/// </summary>
public sealed class RedisFallbackTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "zim-redis", Guid.NewGuid().ToString("N"));
    private readonly SqliteTestStore store = new();

    public RedisFallbackTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private Dictionary<string, string> Settings(string redis)
    {
        var settings = store.Environment(TestApp.A with { QpsLimit = 5 });
        settings["Redis__Configuration"] = redis;
        return settings;
    }

    private static async Task<string> LimitsAsync(ServerProcess server)
    {
        var health = await server.Http.GetFromJsonAsync<Dictionary<string, object>>("/healthz");
        return health!["Limits"].ToString()!;
    }

    private static void RequireRedisServer()
    {
        if (!RedisProcess.Installed)
        {
            TestServices.Require(null, "redis-server (on the PATH)");
        }
    }

    [Fact]
    public async Task AServerWhoseRedisIsDownFromTheStartStillServes()
    {
        RequireRedisServer();
        using var redis = new RedisProcess(); // never started: nothing listens on its port
        await using var server = await ServerProcess.StartAsync(directory, Settings(redis.Configuration));
        var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal("per-instance (Redis unreachable)", await LimitsAsync(server));
    }

    [Fact]
    public async Task LosingRedisMidRunFallsBackAndRecovers()
    {
        RequireRedisServer();
        using var redis = new RedisProcess();
        await redis.StartAsync();
        await using var server = await ServerProcess.StartAsync(directory, Settings(redis.Configuration));
        var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal("shared (Redis)", await LimitsAsync(server));

        redis.Kill();
        for (var i = 0; i < 5; i++)
        {
            var answer = await caller.PostAsync("UserRegister", Json.Users(Json.NewId()));
            Assert.True(answer.Code is ZimCode.Success or ZimCode.RegisterRateLimited, answer.Raw);
        }
        Assert.Equal("per-instance (Redis unreachable)", await LimitsAsync(server));
        Assert.Equal(1, CountOf(server.Output, "Redis is unreachable"));

        await redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await LimitsAsync(server) != "shared (Redis)" && DateTime.UtcNow < deadline)
        {
            await caller.PostAsync("QueryUserInfos", Json.Ids("x"));
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Equal("shared (Redis)", await LimitsAsync(server));
        Assert.Contains("Redis is reachable again", server.Output, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
