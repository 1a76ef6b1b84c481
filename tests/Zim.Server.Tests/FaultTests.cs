using System.Diagnostics;
using System.Net;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Fault injection per app, set through the admin API, for testing clients' retries.</summary>
public sealed class FaultTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private readonly AdminCaller admin = factory.Admin();

    private Task<AdminAnswer> SetAsync(TestApp app, object settings) => admin.SendAsync(HttpMethod.Put, AdminCaller.Apps(app, "/faults"), Json.Of(settings));

    [Fact]
    public async Task FaultsAreOffByDefault()
    {
        var app = await admin.CreateAppAsync();

        var settings = await admin.GetAsync(AdminCaller.Apps(app, "/faults"));

        Assert.Equal(0, settings.Json.GetProperty("InternalErrorShare").GetDouble());
        Assert.Equal(0, settings.Json.GetProperty("LatencyMs").GetInt32());
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    [Fact]
    public async Task AnInternalErrorShareOfOneAnswersEveryCallWith660000001AndStoresNothing()
    {
        var app = await admin.CreateAppAsync();
        var id = Json.NewId();
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(app, new { InternalErrorShare = 1.0 })).Status);

        var answer = await factory.Caller(app).PostAsync("UserRegister", Json.Users(id));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app, "/faults"))).Status);

        Assert.Equal(ZimCode.InternalError, answer.Code);
        Assert.Contains("injected", answer.Message, StringComparison.Ordinal);
        Assert.Equal(ZimCode.QueryUserNotFound, (await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids(id))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(TestApp.A).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    [Fact]
    public async Task ARateLimitFaultAnswersWithTheRateLimitCodeOfTheCalledAction()
    {
        var app = await admin.CreateAppAsync();
        await SetAsync(app, new { RateLimitShare = 1.0 });

        Assert.Equal(ZimCode.RegisterRateLimited, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.QueryRateLimited, (await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        var logged = (await admin.GetAsync(AdminCaller.Apps(app, $"/requests?code={ZimCode.RegisterRateLimited}"))).Json;
        Assert.Equal(1, logged.GetArrayLength());
    }

    [Fact]
    public async Task LatencyDelaysTheAnswerByAtLeastTheConfiguredTime()
    {
        var app = await admin.CreateAppAsync();
        await SetAsync(app, new { LatencyShare = 1.0, LatencyMs = 300 });

        var watch = Stopwatch.StartNew();
        var answer = await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("x"));

        Assert.True(watch.ElapsedMilliseconds >= 300, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(ZimCode.QueryUserNotFound, answer.Code);
    }

    [Fact]
    public async Task SettingsOutOfRangeAreRefusedWith400()
    {
        var app = await admin.CreateAppAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await SetAsync(app, new { InternalErrorShare = 1.5 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SetAsync(app, new { InternalErrorShare = 0.6, RateLimitShare = 0.6 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SetAsync(app, new { LatencyMs = -1 })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/api/apps/42/faults")).Status);
    }
}
