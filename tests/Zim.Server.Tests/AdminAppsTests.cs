using System.Net;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The admin API's own auth, and app management through it.</summary>
public abstract class AdminAppsTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly AdminCaller admin = factory.Admin();

    [Fact]
    public async Task TheAdminApiRefusesACallWithoutTheTokenOrWithAnotherOneWith401AndASentence()
    {
        var none = await factory.Admin(token: null).GetAsync("/admin/api/apps");
        var wrong = await factory.Admin(token: AdminAccess.Token + "x").GetAsync("/admin/api/apps");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Contains("Authorization: Bearer", none.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Contains("not this server's admin token", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminTokenOpensNothingOnTheZimPathAndASignedQueryOpensNothingOnTheAdminApi()
    {
        var zim = factory.Caller(TestApp.A);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/?Action=UserRegister&AppId={TestApp.A.AppId}");
        request.Headers.Authorization = new("Bearer", AdminAccess.Token);
        request.Content = new StringContent(Json.Users(Json.NewId()));
        var answer = await ZimAnswer.ReadAsync(await zim.Http.SendAsync(request, TestContext.Current.CancellationToken));
        Assert.NotEqual(ZimCode.Success, answer.Code);

        var signed = await factory.Admin(token: null).GetAsync("/admin/api/apps?" + ZimCaller.Query(zim.Common("UserRegister")));
        Assert.Equal(HttpStatusCode.Unauthorized, signed.Status);
    }

    [Fact]
    public async Task ACreatedAppIsServedAtOnceWithTheSecretShownOnceAndListedWithItsUserCount()
    {
        var app = await admin.CreateAppAsync(name: "created");
        var caller = factory.Caller(app);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId(), Json.NewId()))).Code);

        var listed = (await admin.GetAsync("/admin/api/apps")).Json.EnumerateArray().Single(a => a.GetProperty("AppId").GetUInt32() == app.AppId);
        Assert.Equal("created", listed.GetProperty("Name").GetString());
        Assert.Equal(2, listed.GetProperty("Users").GetInt64());
        Assert.False(listed.GetProperty("Configured").GetBoolean());
        Assert.False(listed.TryGetProperty("ServerSecret", out _));
        Assert.DoesNotContain(app.ServerSecret, (await admin.GetAsync(AdminCaller.Apps(app))).Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARotationWithoutGraceRefusesTheOldSecretAtOnceAndAcceptsTheNewOne()
    {
        var app = await admin.CreateAppAsync();
        var rotated = await admin.PostAsync(AdminCaller.Apps(app, "/secret?graceSeconds=0"));
        var secret = rotated.Json.GetProperty("ServerSecret").GetString()!;

        Assert.NotEqual(app.ServerSecret, secret);
        Assert.Equal(32, secret.Length);
        Assert.Equal(ZimCode.SignatureInvalid, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(app with { ServerSecret = secret }).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    /// <summary>Rotation without downtime: old and new both sign during the grace period, then only the new.</summary>
    [Fact]
    public async Task DuringTheGracePeriodBothSecretsSignThenOnlyTheNewOne()
    {
        var app = await admin.CreateAppAsync();
        var rotated = await admin.PostAsync(AdminCaller.Apps(app, "/secret?graceSeconds=600"));
        var renewed = app with { ServerSecret = rotated.Json.GetProperty("ServerSecret").GetString()! };

        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(renewed).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);

        factory.Clock.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal(ZimCode.SignatureInvalid, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(renewed).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("2592001")]
    public async Task AGracePeriodOutOfRangeIsRefused(string grace)
    {
        var app = await admin.CreateAppAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(AdminCaller.Apps(app, $"/secret?graceSeconds={grace}"))).Status);
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    [Fact]
    public async Task ChangingTheQpsLimitTakesEffectOnTheNextCall()
    {
        var app = await admin.CreateAppAsync();
        var changed = await admin.PatchAsync(AdminCaller.Apps(app), Json.Of(new { QpsLimit = 1, Name = "slow" }));
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("slow", changed.Json.GetProperty("Name").GetString());

        var caller = factory.Caller(app);
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        Assert.Equal(ZimAction.QueryUserInfos.RateLimitCode, (await caller.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
    }

    [Fact]
    public async Task DeletingAnAppDeletesItsUsersAndStopsServingIt()
    {
        var app = await admin.CreateAppAsync();
        var id = Json.NewId();
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(id))).Code);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app))).Status);

        Assert.Equal(ZimCode.AppNotFound, (await factory.Caller(app).PostAsync("QueryUserInfos", Json.Ids(id))).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(AdminCaller.Apps(app, "/users"))).Status);
        var again = await admin.PostAsync("/admin/api/apps", Json.Of(new { app.AppId }));
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(0, (await admin.GetAsync(AdminCaller.Apps(app))).Json.GetProperty("Users").GetInt64());
    }

    [Fact]
    public async Task AConfiguredAppIsChangedInConfigurationNotThroughTheApi()
    {
        var answer = await admin.PostAsync(AdminCaller.Apps(TestApp.A, "/secret"));

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Contains("configuration", answer.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync(AdminCaller.Apps(TestApp.A))).Status);
    }

    [Fact]
    public async Task UnknownAppsAnswer404AndBadBodiesAnswer400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/api/apps/42")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsync("/admin/api/apps/42", "{}")).Status);
        var bad = await admin.PostAsync("/admin/api/apps", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/admin/api/apps", Json.Of(new { QpsLimit = -1 }))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/admin/api/apps", Json.Of(new { TestApp.A.AppId }))).Status);
    }
}

public sealed class AdminAppsOnSqlite(ZimFactory factory) : AdminAppsTests<ZimFactory>(factory);

public sealed class AdminAppsOnPostgres(PostgresZimFactory factory) : AdminAppsTests<PostgresZimFactory>(factory);
