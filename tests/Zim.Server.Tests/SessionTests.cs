using System.Net;
using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Tokens;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The login path of the presence contract: Token04 logins, session ends, and what QueryUserOnlineState says.</summary>
public abstract class SessionTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly AdminCaller admin = factory.Admin();

    private string Token(TestApp app, string userId, TimeSpan? lifetime = null, string? secret = null) =>
        Token04.Generate(app.AppId, secret ?? app.ServerSecret, userId, lifetime ?? TimeSpan.FromHours(1), "", factory.Clock);

    private Task<AdminAnswer> LoginAsync(TestApp app, string userId, string? token = null, string? userName = null, string? os = null) =>
        admin.PostAsync(AdminCaller.Apps(app, "/sessions"), Json.Of(new { UserId = userId, Token = token ?? Token(app, userId), UserName = userName, Os = os }));

    private async Task<string> SessionOfAsync(TestApp app, string userId)
    {
        var login = await LoginAsync(app, userId);
        Assert.Equal(HttpStatusCode.Created, login.Status);
        return login.Json.GetProperty("SessionId").GetString()!;
    }

    private async Task<Dictionary<string, string>> StatesAsync(TestApp app, params string[] userIds)
    {
        var answer = await factory.Caller(app).GetAsync("QueryUserOnlineState", string.Concat(userIds.Select(id => $"&UserId[]={id}")));
        var states = answer.Result.ToDictionary(r => r.GetProperty("UserId").GetString()!, r => r.GetProperty("Status").GetString()!);
        foreach (var (userId, subCode) in answer.Errors)
        {
            states[userId] = subCode == ZimCode.UserNotOnline ? "unknown" : subCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return states;
    }

    [Fact]
    public async Task AValidTokenOpensASessionRegistersTheNewUserAndMakesItOnline()
    {
        var app = await admin.CreateAppAsync();

        var login = await LoginAsync(app, "ann", userName: "Ann", os: "ANDROID");

        Assert.Equal(HttpStatusCode.Created, login.Status);
        Assert.Equal("ann", login.Json.GetProperty("UserId").GetString());
        Assert.Equal("0", login.Json.GetProperty("Relogin").GetString());
        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds(), login.Json.GetProperty("LoginTime").GetInt64());
        Assert.Equal("Online", (await StatesAsync(app, "ann"))["ann"]);
        var profile = await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("ann"));
        Assert.Equal("Ann", profile.Result.Single().GetProperty("UserName").GetString());
    }

    [Fact]
    public async Task ARegisteredUserKeepsItsStoredProfileAtLogin()
    {
        var app = await admin.CreateAppAsync();
        await factory.Caller(app).PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = "bob", UserName = "Bob" } } }));

        Assert.Equal(HttpStatusCode.Created, (await LoginAsync(app, "bob", userName: "Someone else")).Status);

        var profile = await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids("bob"));
        Assert.Equal("Bob", profile.Result.Single().GetProperty("UserName").GetString());
    }

    [Fact]
    public async Task ALostConnectionIsOfflineFor120SecondsAndALogoutIsUnknownAtOnce()
    {
        var app = await admin.CreateAppAsync();
        var lost = await SessionOfAsync(app, "cat");
        var left = await SessionOfAsync(app, "dan");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{lost}?how=offline"))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{left}"))).Status);

        Assert.Equal(new Dictionary<string, string> { ["cat"] = "Offline", ["dan"] = "unknown", ["eve"] = "unknown" }, await StatesAsync(app, "cat", "dan", "eve"));
        factory.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal("unknown", (await StatesAsync(app, "cat"))["cat"]);
    }

    [Fact]
    public async Task OfSessionsEndedInOneSecondTheLastToEndDecides()
    {
        var app = await admin.CreateAppAsync();
        // The clock stands still: every end below has the same second. Twenty devices make an order by chance unlikely.
        foreach (var (user, lastHow) in new[] { ("gil", "offline"), ("hal", "logout") })
        {
            var devices = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                devices.Add(await SessionOfAsync(app, user));
            }
            foreach (var device in devices.SkipLast(1))
            {
                var how = lastHow == "offline" ? "logout" : "offline";
                Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{device}?how={how}"))).Status);
            }
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{devices[^1]}?how={lastHow}"))).Status);
        }

        Assert.Equal(new Dictionary<string, string> { ["gil"] = "Offline", ["hal"] = "unknown" }, await StatesAsync(app, "gil", "hal"));
    }

    [Fact]
    public async Task TwoDevicesKeepTheUserOnlineUntilBothEndAndALoginWithinADayIsARelogin()
    {
        var app = await admin.CreateAppAsync();
        var phone = await SessionOfAsync(app, "fay");
        var second = await LoginAsync(app, "fay", os: "PC");
        Assert.Equal("1", second.Json.GetProperty("Relogin").GetString());

        await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{phone}"));
        Assert.Equal("Online", (await StatesAsync(app, "fay"))["fay"]);
        await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{second.Json.GetProperty("SessionId").GetString()}"));
        Assert.Equal("unknown", (await StatesAsync(app, "fay"))["fay"]);

        factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.Equal("0", (await LoginAsync(app, "fay")).Json.GetProperty("Relogin").GetString());
    }

    [Fact]
    public async Task ATokenThatDoesNotLogTheUserInAnswers401WithItsReasonAndOpensNothing()
    {
        var app = await admin.CreateAppAsync();
        var other = await admin.CreateAppAsync();
        var expiring = Token(app, "gus", TimeSpan.FromSeconds(10));

        var reasons = new[]
        {
            await LoginAsync(app, "gus", Token(app, "someone")),
            await LoginAsync(app, "gus", Token04.Generate(other.AppId, app.ServerSecret, "gus", TimeSpan.FromHours(1), "", factory.Clock)),
            await LoginAsync(app, "gus", Token(app, "gus", secret: other.ServerSecret)),
            await LoginAsync(app, "gus", "04not-a-token"),
            await LoginAsync(app, "gus", Token(app, "gus", TimeSpan.FromDays(25))),
        }.Select(a => (a.Status, a.Json.GetProperty("Reason").GetString())).ToList();
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var expired = await LoginAsync(app, "gus", expiring);

        Assert.All(reasons, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.Equal(["wrong_user", "wrong_app", "wrong_secret", "malformed", "too_long"], reasons.Select(r => r.Item2));
        Assert.Equal((HttpStatusCode.Unauthorized, "expired"), (expired.Status, expired.Json.GetProperty("Reason").GetString()));
        Assert.Contains("expired", expired.Error, StringComparison.Ordinal);
        Assert.Equal("unknown", (await StatesAsync(app, "gus"))["gus"]);
        Assert.Empty((await admin.GetAsync(AdminCaller.Apps(app, "/sessions"))).Json.EnumerateArray());
    }

    [Fact]
    public async Task DuringARotationATokenOfThePreviousSecretStillLogsIn()
    {
        var app = await admin.CreateAppAsync();
        var old = Token(app, "hal");
        var rotated = await admin.PostAsync(AdminCaller.Apps(app, "/secret?graceSeconds=600"));
        var current = app with { ServerSecret = rotated.Json.GetProperty("ServerSecret").GetString()! };

        Assert.Equal(HttpStatusCode.Created, (await LoginAsync(current, "hal", old)).Status);
        factory.Clock.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal("wrong_secret", (await LoginAsync(current, "hal", Token(app, "hal"))).Json.GetProperty("Reason").GetString());
        Assert.Equal(HttpStatusCode.Created, (await LoginAsync(current, "hal")).Status);
    }

    [Fact]
    public async Task BadInputIsRefusedWithTheAdminApisStatusesAndASentence()
    {
        var app = await admin.CreateAppAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(app, "bad id!")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync(app, "ivy", os: "AMIGA")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(AdminCaller.Apps(app, "/sessions"), "[1]")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(AdminCaller.Apps(app, "/sessions/nope"))).Status);
        var session = await SessionOfAsync(app, "ivy");
        var badHow = await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{session}?how=later"));
        Assert.Equal(HttpStatusCode.BadRequest, badHow.Status);
        Assert.Contains("logout or offline", badHow.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/api/apps/4000000001/sessions", Json.Of(new { UserId = "x", Token = "04" }))).Status);
    }

    [Fact]
    public async Task AUserWhoIsDeletedOrWhoseAppIsResetLosesItsSessions()
    {
        var app = await admin.CreateAppAsync();
        await SessionOfAsync(app, "lea");
        await SessionOfAsync(app, "max");
        await SessionOfAsync(app, "ned");

        await admin.PostAsync(AdminCaller.Apps(app, "/users/delete"), Json.Of(new { UserIds = new[] { "lea" } }));
        Assert.Equal(["ned", "max"], (await admin.GetAsync(AdminCaller.Apps(app, "/sessions"))).Json.EnumerateArray()
            .Select(s => s.GetProperty("UserId").GetString()).Order().Reverse());
        await admin.DeleteAsync(AdminCaller.Apps(app, "/users"));

        Assert.Empty((await admin.GetAsync(AdminCaller.Apps(app, "/sessions"))).Json.EnumerateArray());
        Assert.Equal(new Dictionary<string, string> { ["lea"] = "unknown", ["max"] = "unknown" }, await StatesAsync(app, "lea", "max"));
    }

    [Fact]
    public async Task LoginsInOneSecondAreListedNewestFirstInTheOrderTheyWereMade()
    {
        var app = await admin.CreateAppAsync();
        // The clock stands still, so every LoginTime is the same second; twenty make an order by chance unlikely.
        var made = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            made.Add(await SessionOfAsync(app, "lea"));
        }

        var listed = (await admin.GetAsync(AdminCaller.Apps(app, "/sessions?userId=lea"))).Json.EnumerateArray()
            .Select(s => s.GetProperty("SessionId").GetString()).ToList();

        Assert.Equal(Enumerable.Reverse(made), listed);
    }

    [Fact]
    public async Task SessionsAreListedNewestFirstWithTheirStateAndStayInTheirApp()
    {
        var app = await admin.CreateAppAsync();
        var other = await admin.CreateAppAsync();
        var first = await SessionOfAsync(app, "jon");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await SessionOfAsync(app, "kim");
        await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{first}?how=offline"));

        var list = (await admin.GetAsync(AdminCaller.Apps(app, "/sessions"))).Json.EnumerateArray().ToList();
        var jons = (await admin.GetAsync(AdminCaller.Apps(app, "/sessions?userId=jon"))).Json.EnumerateArray().ToList();

        Assert.Equal([second, first], list.Select(s => s.GetProperty("SessionId").GetString()));
        Assert.Equal(["open", "offline"], list.Select(s => s.GetProperty("State").GetString()));
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("EndedAt").ValueKind);
        Assert.Equal("jon", Assert.Single(jons).GetProperty("UserId").GetString());
        Assert.Empty((await admin.GetAsync(AdminCaller.Apps(other, "/sessions"))).Json.EnumerateArray());
        Assert.Equal("unknown", (await StatesAsync(other, "kim"))["kim"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(AdminCaller.Apps(other, $"/sessions/{second}"))).Status);
    }
}

public sealed class SessionsOnSqlite(ZimFactory factory) : SessionTests<ZimFactory>(factory);

public sealed class SessionsOnPostgres(PostgresZimFactory factory) : SessionTests<PostgresZimFactory>(factory);
