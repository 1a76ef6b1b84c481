using System.Globalization;
using System.Net;
using Npgsql;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// PostgreSQL becoming unreachable under a running server: clear 660000001 envelopes and a failing
/// /healthz while it is away, and recovery without a restart when it returns.
/// </summary>
public sealed class PostgresOutageTests : IDisposable
{
    private readonly PostgresTestStore store = new();
    private readonly TcpRelay relay;

    public PostgresOutageTests()
    {
        var direct = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        relay = new TcpRelay(direct.Host!, direct.Port);
    }

    public void Dispose()
    {
        relay.Dispose();
        store.Dispose();
    }

    [Fact]
    public async Task WhileTheDatabaseIsUnreachableCallsFailCleanlyAndThenRecover()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(store.ConnectionString)
            {
                Host = "127.0.0.1",
                Port = relay.Port,
                Timeout = 3,
            }.ConnectionString,
            ["Apps__0__AppId"] = TestApp.A.AppId.ToString(CultureInfo.InvariantCulture),
            ["Apps__0__ServerSecret"] = TestApp.A.ServerSecret,
            ["Apps__0__QpsLimit"] = "0",
            ["Secrets__Key"] = store.SecretsKey!,
        };
        await using var server = await ServerProcess.StartAsync(Path.GetTempPath(), settings);
        var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);

        relay.Cut();
        var lost = Json.NewId();
        var during = await caller.PostAsync("UserRegister", Json.Users(lost));
        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.Equal(ZimCode.InternalError, during.Code);
        Assert.Equal(ZimCode.InternalError, (await caller.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        using (var health = await server.Http.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        relay.Restore();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        ZimAnswer after;
        do
        {
            after = await caller.PostAsync("UserRegister", Json.Users(Json.NewId()));
        }
        while (after.Code != ZimCode.Success && DateTime.UtcNow < deadline);
        Assert.Equal(ZimCode.Success, after.Code);
        using (var health = await server.Http.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids(lost))).Code);
    }
}
