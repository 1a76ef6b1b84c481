using System.Net;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The last calls per app, as the admin API shows them.</summary>
public sealed class RequestLogTests(RequestLogTests.SmallLogFactory factory) : IClassFixture<RequestLogTests.SmallLogFactory>
{
    /// <summary>A server that keeps 5 calls per app, so that the ring's bound is quick to reach.</summary>
    public sealed class SmallLogFactory : ZimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("RequestLog:PerApp", "5")];
    }

    private readonly AdminCaller admin = factory.Admin();

    private async Task<List<JsonElement>> LogAsync(TestApp app, string query = "") =>
        (await admin.GetAsync(AdminCaller.Apps(app, "/requests" + query))).Json.EnumerateArray().ToList();

    [Fact]
    public async Task EachCallIsLoggedNewestFirstWithItsActionCodeRequestIdAndBodySize()
    {
        var app = await admin.CreateAppAsync();
        var body = Json.Users(Json.NewId());
        var registered = await factory.Caller(app).PostAsync("UserRegister", body);
        var queried = await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"));

        var log = await LogAsync(app);

        Assert.Equal(2, log.Count);
        Assert.Equal(queried.RequestId, log[0].GetProperty("RequestId").GetString());
        Assert.Equal(ZimCode.QueryUserNotFound, log[0].GetProperty("Code").GetInt32());
        Assert.Equal("UserRegister", log[1].GetProperty("Action").GetString());
        Assert.Equal(registered.RequestId, log[1].GetProperty("RequestId").GetString());
        Assert.Equal(body.Length, log[1].GetProperty("BodyBytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, log[1].GetProperty("Reason").ValueKind);
        Assert.True(log[1].GetProperty("DurationMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task BodiesAreNotKeptUnlessAskedFor()
    {
        var app = await admin.CreateAppAsync();
        await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()));

        var logged = (await LogAsync(app)).Single();

        Assert.Equal(JsonValueKind.Null, logged.GetProperty("Body").ValueKind);
        Assert.False(logged.GetProperty("BodyTruncated").GetBoolean());
    }

    [Fact]
    public async Task AnAuthFailureIsLoggedWithWhichCheckFailedButNeverTheSecretOrTheExpectedSignature()
    {
        var app = await admin.CreateAppAsync();
        var wrong = app with { ServerSecret = new string('9', 32) };
        var nonce = ZimSignature.NewNonce();
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        await factory.Caller(wrong).SendAsync(HttpMethod.Post, ZimCaller.Query(factory.Caller(wrong).Common("UserRegister", now, nonce)), Json.Users(Json.NewId()));
        var stale = factory.Caller(app).Common("QueryUserInfos", timestamp: factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 731);
        await factory.Caller(app).SendAsync(HttpMethod.Post, ZimCaller.Query(stale), Json.Ids("x"));

        var raw = (await admin.GetAsync(AdminCaller.Apps(app, "/requests"))).Raw;
        var log = await LogAsync(app);

        Assert.Contains("731 s behind the server clock", log[0].GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(ZimCode.SignatureInvalid, log[1].GetProperty("Code").GetInt32());
        Assert.Contains("Signature does not match", log[1].GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.ServerSecret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.ServerSecret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(ZimSignature.Compute(app.AppId, nonce, app.ServerSecret, now), raw, StringComparison.Ordinal);
        Assert.DoesNotContain(ZimSignature.Compute(app.AppId, nonce, wrong.ServerSecret, now), raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCodeFilterAndAfterReturnOnlyMatchingNewerCalls()
    {
        var app = await admin.CreateAppAsync();
        var caller = factory.Caller(app);
        await caller.PostAsync("QueryUserInfos", Json.Ids("nobody"));
        var first = (await LogAsync(app))[0].GetProperty("Seq").GetInt64();
        await caller.PostAsync("UserRegister", Json.Users(Json.NewId()));
        await caller.PostAsync("QueryUserInfos", Json.Ids("nobody"));

        var failed = await LogAsync(app, $"?code={ZimCode.QueryUserNotFound}");
        var newer = await LogAsync(app, $"?after={first}");

        Assert.Equal(2, failed.Count);
        Assert.All(failed, call => Assert.Equal(ZimCode.QueryUserNotFound, call.GetProperty("Code").GetInt32()));
        Assert.Equal(["QueryUserInfos", "UserRegister"], newer.Select(call => call.GetProperty("Action").GetString()));
    }

    [Fact]
    public async Task TheLogKeepsOnlyTheConfiguredNumberOfCallsPerApp()
    {
        var app = await admin.CreateAppAsync();
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("nobody"))).RequestId);
        }

        var log = await LogAsync(app);

        Assert.Equal(ids.TakeLast(5).Reverse(), log.Select(call => call.GetProperty("RequestId").GetString()!));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/api/apps/42/requests")).Status);
    }
}
