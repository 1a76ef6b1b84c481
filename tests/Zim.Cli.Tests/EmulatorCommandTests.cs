using System.Globalization;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim reset</c>, <c>zim faults ...</c> and <c>zim requests</c>, over the admin API of the in-process server.</summary>
public sealed class EmulatorCommandTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private Task<Cli.Result> RunAsync(TestApp? app, params string[] args) => Cli.AdminAsync(factory, app, args);

    private static JsonElement Parse(Cli.Result result)
    {
        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    [Fact]
    public async Task ResetDeletesEveryUserAndPrintsTheCounts()
    {
        var app = await factory.Admin().CreateAppAsync();
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users("c1", "c2"))).Code);

        var reset = Parse(await RunAsync(null, "reset"));

        Assert.True(reset.GetProperty("Users").GetInt64() >= 2);
        Assert.True(reset.GetProperty("Apps").GetInt32() >= 1);
        Assert.Equal(ZimCode.QueryUserNotFound, (await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("c1"))).Code);
    }

    [Fact]
    public async Task FaultsNextSetGetAndClearWorkThroughTheAdminApi()
    {
        var app = await factory.Admin().CreateAppAsync();

        var set = Parse(await RunAsync(app, "faults", "set", "--latency-share", "0.5", "--latency-ms", "5"));
        var next = Parse(await RunAsync(app, "faults", "next", "--action", "UserRegister", "--count", "2", "--code", "660000001"));
        var injected = await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()));
        var got = Parse(await RunAsync(app, "faults", "get"));
        var cleared = await RunAsync(app, "faults", "clear");

        Assert.Equal(0.5, set.GetProperty("LatencyShare").GetDouble());
        Assert.Equal(0.5, next.GetProperty("LatencyShare").GetDouble());
        Assert.Equal("UserRegister", next.GetProperty("Next")[0].GetProperty("Action").GetString());
        Assert.Equal(ZimCode.InternalError, injected.Code);
        Assert.Equal(1, got.GetProperty("Next")[0].GetProperty("Count").GetInt32());
        Assert.Equal(ExitCodes.Success, cleared.ExitCode);
        Assert.Equal(0, Parse(await RunAsync(app, "faults", "get")).GetProperty("Next").GetArrayLength());
    }

    [Fact]
    public async Task ARuleWithoutAnActionAppliesToEveryAction()
    {
        var app = await factory.Admin().CreateAppAsync();

        Parse(await RunAsync(app, "faults", "next", "--code", "123", "--message", "Not now."));
        var answer = await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("x"));

        Assert.Equal((123, "Not now."), (answer.Code, answer.Message));
    }

    [Fact]
    public async Task ARefusedFaultExitsWithTheAdminCodeAndTheServersSentence()
    {
        var app = await factory.Admin().CreateAppAsync();

        var unknown = await RunAsync(app, "faults", "next", "--action", "Nope", "--code", "1");
        var share = await RunAsync(app, "faults", "set", "--internal-error-share", "2");
        var nothing = await RunAsync(app, "faults", "set");
        var noApp = await RunAsync(null, "faults", "get");

        Assert.Equal(ExitCodes.Stopped, unknown.ExitCode);
        Assert.Contains("400", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("'Nope' is not one of", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Stopped, share.ExitCode);
        Assert.Contains("between 0 and 1", share.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, nothing.ExitCode);
        Assert.Equal(ExitCodes.Usage, noApp.ExitCode);
        Assert.Contains("ZIM_APP_ID", noApp.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsPrintsTheRequestLogFilteredByCodeAndSeq()
    {
        var app = await factory.Admin().CreateAppAsync();
        await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()));
        await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"));
        await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"));

        var all = Parse(await RunAsync(app, "requests"));
        var failed = Parse(await RunAsync(app, "requests", "--code", ZimCode.QueryUserNotFound.ToString(CultureInfo.InvariantCulture), "--limit", "1"));
        var newer = Parse(await RunAsync(app, "requests", "--after", all[1].GetProperty("Seq").GetInt64().ToString(CultureInfo.InvariantCulture)));
        var refused = await RunAsync(app, "requests", "--limit", "0");

        Assert.Equal(3, all.GetArrayLength());
        Assert.Equal(1, failed.GetArrayLength());
        Assert.Equal(all[0].GetProperty("RequestId").GetString(), failed[0].GetProperty("RequestId").GetString());
        Assert.Equal(1, newer.GetArrayLength());
        Assert.Equal(ExitCodes.Stopped, refused.ExitCode);
        Assert.Contains("limit must be 1 to 1000", refused.Error, StringComparison.Ordinal);
    }
}
