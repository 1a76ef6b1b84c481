using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Callbacks;

namespace Zim.Emulator.Tests;

/// <summary>The login/logout callback end to end: an emulator whose app calls a receiver back, as a developer's test would set it up.</summary>
public sealed class CallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ZimCallbackReceiver Receiver, ZimEmulator Zim)> StartAsync()
    {
        var receiver = await ZimCallbackReceiver.StartAsync(Ct);
        var options = new ZimEmulatorOptions();
        options.Apps.Add(ZimEmulatorApp.Development with { CallbackUrl = receiver.Url });
        return (receiver, await ZimEmulator.StartAsync(options, Ct));
    }

    private static Task<ReceivedCallback> ActionAsync(ZimCallbackReceiver receiver, string sessionId, int action) =>
        receiver.WaitForAsync(c => c.Body?.SessionId == sessionId && c.Body.Action == action, cancellationToken: Ct);

    private static IReadOnlyList<string> Fields(ReceivedCallback callback) =>
        [.. JsonDocument.Parse(callback.RawBody).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ALoginALogoutAndADisconnectEachArriveSignedWithTheVendorsFields()
    {
        var (receiver, zim) = await StartAsync();
        await using var _ = receiver;
        await using var __ = zim;

        var phone = await zim.LoginAsync("ann", userName: "Ann", os: "IOS_PHONE", cancellationToken: Ct);
        var online = await ActionAsync(receiver, phone.SessionId, UserAction.Online);
        Assert.True(online.IsSignatureValid, online.RawBody);
        var body = online.Body!;
        Assert.Equal(("1234567890", "user_action", "ann", "Ann", "IOS_PHONE", phone.LoginTime, "0"),
            (body.AppId, body.Event, body.UserId, body.UserName, body.Os, body.LoginTime, body.Relogin));
        Assert.InRange(long.Parse(body.Nonce, System.Globalization.CultureInfo.InvariantCulture), 0, int.MaxValue);
        Assert.Equal(["action", "appid", "event", "login_time", "nonce", "os", "relogin", "session_id", "signature", "timestamp", "user_id", "user_name"],
            Fields(online));

        await zim.LogoutAsync(phone.SessionId, cancellationToken: Ct);
        var logout = await ActionAsync(receiver, phone.SessionId, UserAction.Logout);
        Assert.True(logout.IsSignatureValid, logout.RawBody);
        Assert.Equal("logout", logout.Body!.LogoutReason);
        Assert.InRange(logout.Body.LogoutTime!.Value, phone.LoginTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Contains("logout_time", Fields(logout));
        Assert.DoesNotContain("offline_time", Fields(logout));

        var web = await zim.LoginAsync("ann", cancellationToken: Ct);
        Assert.Equal("1", (await ActionAsync(receiver, web.SessionId, UserAction.Online)).Body!.Relogin);
        await zim.DisconnectAsync(web.SessionId, cancellationToken: Ct);
        var offline = await ActionAsync(receiver, web.SessionId, UserAction.Offline);
        Assert.True(offline.IsSignatureValid, offline.RawBody);
        Assert.Equal(("1", "Ann"), (offline.Body!.Relogin, offline.Body.UserName));
        Assert.NotNull(offline.Body.OfflineTime);
        Assert.DoesNotContain("logout_time", Fields(offline));
        Assert.DoesNotContain("logout_reason", Fields(offline));

        var deliveries = await zim.GetCallbackDeliveriesAsync(cancellationToken: Ct);
        Assert.Equal([UserAction.Offline, UserAction.Online, UserAction.Logout, UserAction.Online], deliveries.Select(d => d.Action));
        Assert.All(deliveries, d => Assert.Equal(("delivered", 200, 1), (d.Outcome, d.Status, d.Attempt)));
    }

    [Fact]
    public async Task AReceiverThatFailsOnceGetsTheIdenticalBodyAgainAndTheLogSaysSo()
    {
        var (receiver, zim) = await StartAsync();
        await using var _ = receiver;
        await using var __ = zim;
        receiver.AnswerNext(500);

        var login = await zim.LoginAsync("bob", cancellationToken: Ct);

        var second = await receiver.WaitForAsync(c => c.Body?.SessionId == login.SessionId && c.AnsweredStatus == 200, TimeSpan.FromSeconds(15), Ct);
        var attempts = receiver.Received.Where(c => c.Body?.SessionId == login.SessionId).ToList();
        Assert.Equal([500, 200], attempts.Select(a => a.AnsweredStatus));
        Assert.Equal(attempts[0].RawBody, second.RawBody);
        // The vendor's schedule: the second attempt two seconds after the first failed.
        Assert.InRange(second.ReceivedAt - attempts[0].ReceivedAt, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
        var deliveries = await zim.GetCallbackDeliveriesAsync(cancellationToken: Ct);
        Assert.Equal([("delivered", 2, (int?)200), ("retrying", 1, 500)], deliveries.Select(d => (d.Outcome, d.Attempt, d.Status)));
    }

    [Fact]
    public async Task ADeadReceiverNeitherFailsNorHoldsUpALoginAndTheLogSaysWhy()
    {
        var receiver = await ZimCallbackReceiver.StartAsync(Ct);
        var deadUrl = receiver.Url;
        await receiver.DisposeAsync();
        var options = new ZimEmulatorOptions();
        options.Apps.Add(ZimEmulatorApp.Development with { CallbackUrl = deadUrl });
        await using var zim = await ZimEmulator.StartAsync(options, Ct);

        var login = await zim.LoginAsync("carl", cancellationToken: Ct);
        await zim.LogoutAsync(login.SessionId, cancellationToken: Ct);

        Assert.Equal("carl", Assert.Single(await zim.GetSessionsAsync("carl", cancellationToken: Ct)).UserId);
        var deliveries = await WaitForDeliveriesAsync(zim, 2);
        Assert.All(deliveries, d => Assert.Equal(("retrying", 1, (int?)null), (d.Outcome, d.Attempt, d.Status)));
        Assert.All(deliveries, d => Assert.Contains("could not be reached", d.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAppWithoutACallbackUrlCallsNobody()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);
        var login = await zim.LoginAsync("dora", cancellationToken: Ct);
        await zim.LogoutAsync(login.SessionId, cancellationToken: Ct);
        Assert.Empty(await zim.GetCallbackDeliveriesAsync(cancellationToken: Ct));
    }

    private static async Task<Protocol.Admin.CallbackDelivery[]> WaitForDeliveriesAsync(ZimEmulator zim, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var deliveries = await zim.GetCallbackDeliveriesAsync(cancellationToken: Ct);
            if (deliveries.Length >= count)
            {
                return deliveries;
            }
            await Task.Delay(25, Ct);
        }
        throw new TimeoutException($"fewer than {count} deliveries were logged");
    }
}
