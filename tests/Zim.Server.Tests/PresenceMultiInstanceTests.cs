using System.Net;
using Zim.Emulator;
using Zim.Protocol;
using Zim.Protocol.Callbacks;
using Zim.Protocol.Tokens;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The presence contract scaled out: three server processes on one PostgreSQL database agree on who is online, and
/// each session change is called back once, signed, by the instance that made it, to the URL the first one was given.
/// </summary>
public sealed class PresenceMultiInstanceTests : IAsyncLifetime
{
    private const string CallbackSecret = "multi-instance-callback-secret";

    private ZimCallbackReceiver? receiver;
    private ServerCluster? cluster;

    public async ValueTask InitializeAsync()
    {
        receiver = await ZimCallbackReceiver.StartAsync(CallbackSecret, TestContext.Current.CancellationToken);
        cluster = await ServerCluster.StartAsync([TestApp.A], new Dictionary<string, string>
        {
            [ServerCluster.AppSetting(0, "CallbackUrl")] = receiver.Url.ToString(),
            [ServerCluster.AppSetting(0, "CallbackSecret")] = CallbackSecret,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }
    }

    private async Task<string> StateOnAsync(int instance, string userId)
    {
        var answer = await cluster!.Caller(instance, TestApp.A).GetAsync("QueryUserOnlineState", $"&UserId[]={userId}");
        return answer.Result.Count == 1 ? answer.Result[0].GetProperty("Status").GetString()! : $"code {answer.Errors.Single().SubCode}";
    }

    [Fact]
    public async Task ALoginOnOneInstanceIsOnlineOnAllAndEachChangeIsCalledBackOnceSigned()
    {
        var userId = Json.NewId();
        var token = Token04.Generate(TestApp.A.AppId, TestApp.A.ServerSecret, userId, TimeSpan.FromHours(1), "", TimeProvider.System);

        var login = await cluster!.Admin(1).PostAsync(AdminCaller.Apps(TestApp.A, "/sessions"), Json.Of(new { UserId = userId, Token = token, UserName = "Ann", Os = "PC" }));
        Assert.Equal(HttpStatusCode.Created, login.Status);
        var sessionId = login.Json.GetProperty("SessionId").GetString()!;
        for (var instance = 0; instance < 3; instance++)
        {
            Assert.Equal("Online", await StateOnAsync(instance, userId));
        }
        var online = await receiver!.WaitForAsync(c => c.Body?.UserId == userId && c.Body.Action == UserAction.Online, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(online.IsSignatureValid, online.RawBody);
        Assert.Equal((TestApp.A.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Ann", "PC", sessionId, "0"),
            (online.Body!.AppId, online.Body.UserName, online.Body.Os, online.Body.SessionId, online.Body.Relogin));

        Assert.Equal(HttpStatusCode.NoContent, (await cluster.Admin(2).DeleteAsync(AdminCaller.Apps(TestApp.A, $"/sessions/{sessionId}?how=logout"))).Status);
        for (var instance = 0; instance < 3; instance++)
        {
            Assert.Equal($"code {ZimCode.UserNotOnline}", await StateOnAsync(instance, userId));
        }
        var logout = await receiver.WaitForAsync(c => c.Body?.UserId == userId && c.Body.Action == UserAction.Logout, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(logout.IsSignatureValid, logout.RawBody);
        Assert.Equal(sessionId, logout.Body!.SessionId);
        Assert.NotNull(logout.Body.LogoutTime);

        // Ending the session again, on another instance, changes nothing and calls nobody.
        Assert.Equal(HttpStatusCode.NoContent, (await cluster.Admin(0).DeleteAsync(AdminCaller.Apps(TestApp.A, $"/sessions/{sessionId}?how=offline"))).Status);
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Equal([UserAction.Online, UserAction.Logout], receiver.Received.Where(c => c.Body?.UserId == userId).Select(c => c.Body!.Action));
        // The deliveries are in the log of the instance that sent each.
        Assert.Contains("\"delivered\"", (await cluster.Admin(1).GetAsync(AdminCaller.Apps(TestApp.A, "/callbacks"))).Raw, StringComparison.Ordinal);
        Assert.Contains("\"delivered\"", (await cluster.Admin(2).GetAsync(AdminCaller.Apps(TestApp.A, "/callbacks"))).Raw, StringComparison.Ordinal);
    }
}
