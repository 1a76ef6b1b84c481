using System.Net;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Deterministic faults: the next N calls of an action answer a chosen code, set through the admin API.</summary>
public sealed class FaultRuleTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private readonly AdminCaller admin = factory.Admin();

    private Task<AdminAnswer> NextAsync(TestApp app, object rule) => admin.PostAsync(AdminCaller.Apps(app, "/faults/next"), Json.Of(rule));

    private async Task<List<JsonElement>> RulesAsync(TestApp app) =>
        (await admin.GetAsync(AdminCaller.Apps(app, "/faults"))).Json.GetProperty("Next").EnumerateArray().ToList();

    [Fact]
    public async Task OfManyParallelCallsExactlyCountGetTheCodeAndTheUsedUpRuleIsGone()
    {
        var app = await admin.CreateAppAsync();
        Assert.Equal(HttpStatusCode.OK, (await NextAsync(app, new { Action = "QueryUserInfos", Count = 7, Code = ZimCode.InternalError })).Status);

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("x"))));

        Assert.Equal(7, answers.Count(a => a.Code == ZimCode.InternalError));
        Assert.Equal(53, answers.Count(a => a.Code == ZimCode.QueryUserNotFound));
        Assert.Empty(await RulesAsync(app));
    }

    [Fact]
    public async Task ARuleForOneActionLeavesTheOthersAloneAndShowsTheCountLeft()
    {
        var app = await admin.CreateAppAsync();
        await NextAsync(app, new { Action = "UserRegister", Count = 3, Code = ZimCode.RegisterRateLimited });

        Assert.Equal(ZimCode.QueryUserNotFound, (await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        Assert.Equal(3, (await RulesAsync(app)).Single().GetProperty("Count").GetInt32());
        Assert.Equal(ZimCode.RegisterRateLimited, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);

        var left = (await RulesAsync(app)).Single();
        Assert.Equal(2, left.GetProperty("Count").GetInt32());
        Assert.Equal("UserRegister", left.GetProperty("Action").GetString());
    }

    [Fact]
    public async Task AnInjectedCallStoresNothingAndItsSignedUrlMayBeRetried()
    {
        var app = await admin.CreateAppAsync();
        await NextAsync(app, new { Count = 1, Code = ZimCode.InternalError });
        var caller = factory.Caller(app);
        var id = Json.NewId();
        var query = ZimCaller.Query(caller.Common("UserRegister"));

        var injected = await caller.SendAsync(HttpMethod.Post, query, Json.Users(id));
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids(id))).Code);
        var retried = await caller.SendAsync(HttpMethod.Post, query, Json.Users(id));

        Assert.Equal(ZimCode.InternalError, injected.Code);
        Assert.Contains("injected", injected.Message, StringComparison.Ordinal);
        Assert.Equal(ZimCode.Success, retried.Code);
    }

    [Fact]
    public async Task TheMessageIsTheRulesOwnOrASentenceChosenByCode()
    {
        var app = await admin.CreateAppAsync();
        await NextAsync(app, new { Count = 1, Code = ZimCode.QueryRateLimited });
        await NextAsync(app, new { Count = 1, Code = 123 });
        await NextAsync(app, new { Count = 1, Code = 456, Message = "Try again later." });
        var caller = factory.Caller(app);

        var rateLimited = await caller.PostAsync("QueryUserInfos", Json.Ids("x"));
        var other = await caller.PostAsync("QueryUserInfos", Json.Ids("x"));
        var own = await caller.GetAsync("QueryUserOnlineState", "&UserId[]=x");

        Assert.Equal("Too many QueryUserInfos calls (injected by this server's fault settings). Retry in the next second.", rateLimited.Message);
        Assert.Equal((123, "Injected by this server's fault settings (code 123)."), (other.Code, other.Message));
        Assert.Equal((456, "Try again later."), (own.Code, own.Message));
        Assert.Empty(own.Result);
    }

    [Fact]
    public async Task RulesComeInListOrderBeforeTheSharesAndPutReplacesThem()
    {
        var app = await admin.CreateAppAsync();
        var put = await admin.SendAsync(HttpMethod.Put, AdminCaller.Apps(app, "/faults"), Json.Of(new
        {
            InternalErrorShare = 1.0,
            Next = new object[] { new { Count = 1, Code = 11 }, new { Count = 1, Code = 22 } },
        }));
        var caller = factory.Caller(app);

        var codes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await caller.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        }
        await admin.SendAsync(HttpMethod.Put, AdminCaller.Apps(app, "/faults"), Json.Of(new { LatencyMs = 1 }));

        Assert.Equal(2, put.Json.GetProperty("Next").GetArrayLength());
        Assert.Equal([11, 22, ZimCode.InternalError], codes);
        Assert.Empty(await RulesAsync(app));
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
    }

    [Fact]
    public async Task AddingARuleKeepsTheSharesAndDeleteClearsEverything()
    {
        var app = await admin.CreateAppAsync();
        await admin.SendAsync(HttpMethod.Put, AdminCaller.Apps(app, "/faults"), Json.Of(new { LatencyShare = 0.5, LatencyMs = 10 }));

        var added = await NextAsync(app, new { Action = "ModifyUserInfo", Count = 2, Code = 9 });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app, "/faults"))).Status);
        var cleared = (await admin.GetAsync(AdminCaller.Apps(app, "/faults"))).Json;

        Assert.Equal(0.5, added.Json.GetProperty("LatencyShare").GetDouble());
        Assert.Equal(2, added.Json.GetProperty("Next")[0].GetProperty("Count").GetInt32());
        Assert.Equal(0, cleared.GetProperty("LatencyShare").GetDouble());
        Assert.Equal(0, cleared.GetProperty("Next").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"Action":"userregister","Count":1,"Code":1}""", "'userregister' is not one of UserRegister")]
    [InlineData("""{"Count":0,"Code":1}""", "Count must be 1 to 100000")]
    [InlineData("""{"Count":100001,"Code":1}""", "Count must be 1 to 100000")]
    [InlineData("""{"Count":1,"Code":0}""", "Code must not be 0")]
    [InlineData("""{"Count":1}""", "Code must not be 0")]
    [InlineData("""{"Actoin":"UserRegister","Count":1,"Code":1}""", "Actoin")]
    public async Task AnUnusableRuleIsRefusedWith400AndASentence(string rule, string sentence)
    {
        var app = await admin.CreateAppAsync();

        var refused = await admin.PostAsync(AdminCaller.Apps(app, "/faults/next"), rule);
        var inPut = await admin.SendAsync(HttpMethod.Put, AdminCaller.Apps(app, "/faults"), $$"""{"Next":[{{rule}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(sentence, refused.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, inPut.Status);
        Assert.Contains(sentence, inPut.Error, StringComparison.Ordinal);
        Assert.Empty(await RulesAsync(app));
    }

    [Fact]
    public async Task ARuleForAnAppNotServedIsRefusedWith404()
    {
        var answer = await admin.PostAsync("/admin/api/apps/42/faults/next", Json.Of(new { Count = 1, Code = 1 }));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }
}
