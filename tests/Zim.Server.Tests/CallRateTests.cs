using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Zim.Protocol;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.CallRate;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The calls per second of each app by Code, on a clock the test moves.</summary>
public sealed class CallRateTests
{
    private const uint App = 42;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CallRateLog log;

    public CallRateTests()
    {
        var registry = new AppRegistry();
        registry.Replace([new AppRecord(App, new string('a', 32), "app", 0)]);
        log = new CallRateLog(registry, clock);
    }

    private void Answer(int code, uint appId = App) =>
        log.Observe(new AnsweredCall(appId, "QueryUserInfos", code, "", TimeSpan.Zero, "r", 0));

    [Fact]
    public void EachSecondCountsItsCallsByCodeOldestFirstWithZerosBetween()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        Answer(0);
        Answer(0);
        Answer(ZimCode.QueryRateLimited);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Answer(ZimCode.QueryUserNotFound);
        Answer(ZimCode.InternalError);
        Answer(0);
        clock.Advance(TimeSpan.FromSeconds(2));
        Answer(0);

        var rate = log.Read(App, 5);

        Assert.Equal(now - 2, rate.Start);
        Assert.Equal(5, rate.Seconds);
        Assert.Equal(["0", "660000001", "660300005", "660700015"], rate.Codes.Keys);
        Assert.Equal([0, 0, 3, 0, 1], rate.Codes["0"]);
        Assert.Equal([0, 0, 1, 0, 0], rate.Codes["660000001"]);
        Assert.Equal([0, 0, 1, 0, 0], rate.Codes["660300005"]);
        Assert.Equal([0, 0, 1, 0, 0], rate.Codes["660700015"]);
    }

    [Fact]
    public void ASecondTenMinutesOldIsForgottenAndItsBucketCountsAfreshWhenItComesRound()
    {
        Answer(ZimCode.InternalError);
        Answer(0);
        clock.Advance(TimeSpan.FromSeconds(CallRateLog.MaxSeconds));
        Answer(0);

        var rate = log.Read(App, CallRateLog.MaxSeconds);

        Assert.Equal(["0"], rate.Codes.Keys);
        Assert.Equal(1, rate.Codes["0"].Sum());
        Assert.Equal(1, rate.Codes["0"][^1]);
    }

    [Fact]
    public void AnAppNotServedHereIsNotCountedAndAClearedAppStartsEmpty()
    {
        Answer(0, appId: 7);
        Answer(0);

        Assert.Empty(log.Read(7, 10).Codes);
        Assert.Equal(1, log.Read(App, 10).Codes["0"][^1]);
        log.Clear(App);
        Assert.Empty(log.Read(App, 10).Codes);
        Assert.Equal(10, log.Read(App, 10).Seconds);
    }
}

/// <summary><c>GET /admin/api/apps/{appId}/calls/rate</c> over real calls: successes, rate-limit refusals, failures.</summary>
public sealed class CallRateEndpointTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private readonly AdminCaller admin = factory.Admin();

    private async Task<JsonElement> RateAsync(TestApp app, int seconds)
    {
        var answer = await admin.GetAsync(AdminCaller.Apps(app, $"/calls/rate?seconds={seconds}"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json;
    }

    private static int[] Series(JsonElement rate, string code) =>
        [.. rate.GetProperty("Codes").GetProperty(code).EnumerateArray().Select(count => count.GetInt32())];

    [Fact]
    public async Task SuccessesRateLimitRefusalsAndFailuresAreCountedInTheSecondTheyWereAnswered()
    {
        var app = await admin.CreateAppAsync(qpsLimit: 2);
        factory.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 1));
        var caller = factory.Caller(app);
        for (var i = 0; i < 3; i++)
        {
            await caller.PostAsync("QueryUserInfos", Json.Ids("nobody"));
        }
        await caller.PostAsync("UserRegister", Json.Users(Json.NewId()));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var rate = await RateAsync(app, 3);

        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 2, rate.GetProperty("Start").GetInt64());
        Assert.Equal(3, rate.GetProperty("Seconds").GetInt32());
        Assert.Equal(["0", "660300005", "660700015"], rate.GetProperty("Codes").EnumerateObject().Select(code => code.Name));
        Assert.Equal([0, 1, 0], Series(rate, "0"));
        Assert.Equal([0, 1, 0], Series(rate, "660300005"));
        Assert.Equal([0, 2, 0], Series(rate, "660700015"));
    }

    [Fact]
    public async Task ThreeHundredSecondsByDefaultOneToSixHundredAndOnlyForAppsServedHere()
    {
        var app = await admin.CreateAppAsync();

        var rate = (await admin.GetAsync(AdminCaller.Apps(app, "/calls/rate"))).Json;

        Assert.Equal(300, rate.GetProperty("Seconds").GetInt32());
        Assert.Empty(rate.GetProperty("Codes").EnumerateObject());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(AdminCaller.Apps(app, "/calls/rate?seconds=0"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(AdminCaller.Apps(app, "/calls/rate?seconds=601"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(AdminCaller.Apps(app with { AppId = 1 }, "/calls/rate"))).Status);
    }

    [Fact]
    public async Task DeletingTheAppForgetsItsCallsAndAResetEveryApps()
    {
        var kept = await admin.CreateAppAsync();
        var deleted = await admin.CreateAppAsync();
        await factory.Caller(kept).PostAsync("QueryUserInfos", Json.Ids("nobody"));
        await factory.Caller(deleted).PostAsync("QueryUserInfos", Json.Ids("nobody"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(deleted))).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/admin/api/apps", Json.Of(new { deleted.AppId }))).Status);
        Assert.Empty((await RateAsync(deleted, 10)).GetProperty("Codes").EnumerateObject());
        Assert.NotEmpty((await RateAsync(kept, 10)).GetProperty("Codes").EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/api/reset")).Status);
        Assert.Empty((await RateAsync(kept, 10)).GetProperty("Codes").EnumerateObject());
    }
}
