using System.Net;
using Zim.Protocol;
using Zim.Protocol.Tokens;

namespace Zim.Emulator.Tests;

public sealed class SessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> StateAsync(ZimEmulator zim, string userId)
    {
        var answer = await zim.CreateClient().QueryUserOnlineStateAsync([userId], Ct);
        return answer.Result.SingleOrDefault()?.Status ?? $"code {answer.ErrorList.Single().SubCode}";
    }

    [Fact]
    public async Task ALoggedInUserIsOnlineUntilItLogsOutAndOfflineAfterADisconnect()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);

        var phone = await zim.LoginAsync("ann", userName: "Ann", os: "IOS_PHONE", cancellationToken: Ct);
        Assert.Equal("Online", await StateAsync(zim, "ann"));
        await zim.LogoutAsync(phone.SessionId, cancellationToken: Ct);
        Assert.Equal($"code {ZimCode.UserNotOnline}", await StateAsync(zim, "ann"));

        var web = await zim.LoginAsync("ann", cancellationToken: Ct);
        Assert.Equal("1", web.Relogin);
        await zim.DisconnectAsync(web.SessionId, cancellationToken: Ct);
        Assert.Equal("Offline", await StateAsync(zim, "ann"));
        Assert.Equal(["offline", "logout"], (await zim.GetSessionsAsync("ann", cancellationToken: Ct)).Select(s => s.State));
    }

    [Fact]
    public async Task ATokenOfTheCallersOwnMakingIsCheckedAndARefusalSaysWhy()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);
        var own = Token04.Generate(zim.AppId, zim.ServerSecret, "bob", TimeSpan.FromMinutes(5), "", TimeProvider.System);

        Assert.Equal("bob", (await zim.LoginAsync("bob", own, cancellationToken: Ct)).UserId);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => zim.LoginAsync("carl", own, cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("another user", refused.Message, StringComparison.Ordinal);
    }
}
