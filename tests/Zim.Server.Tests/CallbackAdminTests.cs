using System.Net;
using System.Text.Json;
using Zim.Emulator;
using Zim.Protocol.Callbacks;
using Zim.Protocol.Tokens;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// An app's callback settings in the admin API: the CallbackSecret made with the app and shown once, the URL set and
/// cleared, the secret rotated (the next callback is signed with the new one), and the delivery log.
/// </summary>
public abstract class CallbackAdminTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly AdminCaller admin = factory.Admin();

    private async Task<(TestApp App, string CallbackSecret)> CreateAsync(string? callbackUrl)
    {
        var created = await admin.PostAsync("/admin/api/apps", Json.Of(new { CallbackUrl = callbackUrl }));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var app = new TestApp(created.Json.GetProperty("AppId").GetUInt32(), created.Json.GetProperty("ServerSecret").GetString()!, 0);
        return (app, created.Json.GetProperty("CallbackSecret").GetString()!);
    }

    private async Task<string> LoginAsync(TestApp app, string userId)
    {
        var token = Token04.Generate(app.AppId, app.ServerSecret, userId, TimeSpan.FromHours(1), "", factory.Clock);
        var login = await admin.PostAsync(AdminCaller.Apps(app, "/sessions"), Json.Of(new { UserId = userId, Token = token }));
        Assert.Equal(HttpStatusCode.Created, login.Status);
        return login.Json.GetProperty("SessionId").GetString()!;
    }

    [Fact]
    public async Task ANewAppGetsACallbackSecretShownOnceAndItsUrlIsShownWithTheApp()
    {
        var (app, secret) = await CreateAsync("https://example.com/zim/callbacks");

        Assert.Matches("^[0-9a-f]{32}$", secret);
        Assert.NotEqual(app.ServerSecret, secret);
        var shown = await admin.GetAsync(AdminCaller.Apps(app));
        Assert.Equal("https://example.com/zim/callbacks", shown.Json.GetProperty("CallbackUrl").GetString());
        Assert.DoesNotContain(secret, shown.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, (await admin.GetAsync("/admin/api/apps")).Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, (await admin.PatchAsync(AdminCaller.Apps(app), """{"Name":"renamed"}""")).Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/callbacks", "http:// or https://")]
    [InlineData("example.com/callbacks", "absolute")]
    [InlineData("https://user:password@example.com/callbacks", "user name or password")]
    public async Task AUrlThatCannotTakeCallbacksIsRefusedAndNothingChanges(string url, string why)
    {
        var (app, _) = await CreateAsync(null);

        var refused = await admin.PatchAsync(AdminCaller.Apps(app), Json.Of(new { CallbackUrl = url, Name = "not applied" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(why, refused.Error, StringComparison.Ordinal);
        var shown = await admin.GetAsync(AdminCaller.Apps(app));
        Assert.Equal(JsonValueKind.Null, shown.Json.GetProperty("CallbackUrl").ValueKind);
        Assert.NotEqual("not applied", shown.Json.GetProperty("Name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/admin/api/apps", Json.Of(new { CallbackUrl = url }))).Status);
    }

    [Fact]
    public async Task TheUrlIsSetKeptWhenAbsentAndClearedWithAnEmptyString()
    {
        var (app, _) = await CreateAsync(null);

        var set = await admin.PatchAsync(AdminCaller.Apps(app), """{"CallbackUrl":"http://127.0.0.1:9/cb"}""");
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal("http://127.0.0.1:9/cb", set.Json.GetProperty("CallbackUrl").GetString());
        // The app has had its CallbackSecret since it was made: a change never shows it.
        Assert.Equal(JsonValueKind.Null, set.Json.GetProperty("CallbackSecret").ValueKind);
        var renamed = await admin.PatchAsync(AdminCaller.Apps(app), """{"Name":"kept"}""");
        Assert.Equal("http://127.0.0.1:9/cb", renamed.Json.GetProperty("CallbackUrl").GetString());
        var cleared = await admin.PatchAsync(AdminCaller.Apps(app), """{"CallbackUrl":""}""");
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("CallbackUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await admin.GetAsync(AdminCaller.Apps(app))).Json.GetProperty("CallbackUrl").ValueKind);
    }

    [Fact]
    public async Task AfterARotationTheNextCallbackIsSignedWithTheNewSecretOnly()
    {
        await using var receiver = await ZimCallbackReceiver.StartAsync(TestContext.Current.CancellationToken);
        var (app, first) = await CreateAsync(receiver.Url.ToString());
        var before = await LoginAsync(app, "ann");
        var signedBefore = (await receiver.WaitForAsync(c => c.Body?.SessionId == before, cancellationToken: TestContext.Current.CancellationToken)).Body!;
        Assert.True(signedBefore.IsSignedWith(first));

        var rotated = await admin.PostAsync(AdminCaller.Apps(app, "/callback-secret"));
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var second = rotated.Json.GetProperty("CallbackSecret").GetString()!;
        Assert.NotEqual(first, second);
        var after = await LoginAsync(app, "bob");
        var signedAfter = (await receiver.WaitForAsync(c => c.Body?.SessionId == after, cancellationToken: TestContext.Current.CancellationToken)).Body!;
        Assert.True(signedAfter.IsSignedWith(second));
        Assert.False(signedAfter.IsSignedWith(first));
        Assert.Equal(CallbackSignature.Compute(second, signedAfter.Timestamp, signedAfter.Nonce), signedAfter.Signature);
    }

    [Fact]
    public async Task TheDeliveryLogListsEachAttemptNewestFirstAndNeverTheSecret()
    {
        await using var receiver = await ZimCallbackReceiver.StartAsync(TestContext.Current.CancellationToken);
        var (app, secret) = await CreateAsync(receiver.Url.ToString());
        var session = await LoginAsync(app, "cleo");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{session}?how=offline"))).Status);
        await receiver.WaitForAsync(c => c.Body?.Action == UserAction.Offline, cancellationToken: TestContext.Current.CancellationToken);

        JsonElement[] deliveries = [];
        for (var i = 0; i < 100 && deliveries.Length < 2; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            var log = await admin.GetAsync(AdminCaller.Apps(app, "/callbacks"));
            Assert.DoesNotContain(secret, log.Raw, StringComparison.Ordinal);
            deliveries = [.. log.Json.EnumerateArray()];
        }
        Assert.Equal([UserAction.Offline, UserAction.Online], deliveries.Select(d => d.GetProperty("Action").GetInt32()));
        Assert.All(deliveries, d => Assert.Equal(("user_action", "cleo", session, "delivered", 200),
            (d.GetProperty("Event").GetString(), d.GetProperty("UserId").GetString(), d.GetProperty("SessionId").GetString(),
             d.GetProperty("Outcome").GetString(), d.GetProperty("Status").GetInt32())));
        Assert.Single((await admin.GetAsync(AdminCaller.Apps(app, "/callbacks?limit=1"))).Json.EnumerateArray());
    }

    [Fact]
    public async Task TheCallbackRoutesOfAnAppThatIsNotServedAre404AndABadLimitIs400()
    {
        var unknown = new TestApp(4000000001, new string('0', 32), 0);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(AdminCaller.Apps(unknown, "/callbacks"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync(AdminCaller.Apps(unknown, "/callback-secret"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(AdminCaller.Apps(TestApp.A, "/callbacks?limit=0"))).Status);
        // A configured app's callback settings are the configuration's.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(AdminCaller.Apps(TestApp.A, "/callback-secret"))).Status);
    }
}

public sealed class CallbackAdminOnSqlite(ZimFactory factory) : CallbackAdminTests<ZimFactory>(factory);

public sealed class CallbackAdminOnPostgres(PostgresZimFactory factory) : CallbackAdminTests<PostgresZimFactory>(factory);
