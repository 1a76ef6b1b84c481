using Zim.Protocol;
using Zim.Protocol.Admin;
using Zim.Protocol.Wire;

namespace Zim.Emulator.Tests;

public sealed class ControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ZimEmulatorOptions Unlimited(bool bodies = false)
    {
        var options = new ZimEmulatorOptions { KeepRequestBodies = bodies };
        options.Apps.Add(ZimEmulatorApp.Development with { QpsLimit = 0 });
        options.Apps.Add(new ZimEmulatorApp(77, "0123456789abcdef0123456789abcdef") { QpsLimit = 0 });
        return options;
    }

    [Fact]
    public async Task ResetForgetsEveryAppsUsersTheRequestLogAndTheFaults()
    {
        await using var zim = await ZimEmulator.StartAsync(Unlimited(), Ct);
        await zim.CreateClient().RegisterUsersAsync([new RegisterUserInfo("a1"), new RegisterUserInfo("a2")], Ct);
        await zim.CreateClient(77).RegisterUsersAsync([new RegisterUserInfo("b1")], Ct);
        await zim.FailNextAsync(ZimAction.QueryUserInfos, 5, ZimCode.InternalError, cancellationToken: Ct);

        var reset = await zim.ResetAsync(Ct);

        Assert.Equal((2, 3L), (reset.Apps, reset.Users));
        Assert.Empty(await zim.GetRequestsAsync(cancellationToken: Ct));
        Assert.Empty((await zim.GetFaultsAsync(cancellationToken: Ct)).Rules);
        var afterwards = await zim.CreateClient(77).QueryUserInfosAsync(["b1"], Ct);
        Assert.Empty(afterwards.Result);
        Assert.Equal(ZimCode.QueryUserNotFound, Assert.Single(afterwards.ErrorList).SubCode);
    }

    [Fact]
    public async Task FailNextAnswersExactlyThatManyCallsOfTheActionWithTheCode()
    {
        await using var zim = await ZimEmulator.StartAsync(Unlimited(), Ct);
        var client = zim.CreateClient();
        await client.RegisterUsersAsync([new RegisterUserInfo("u")], Ct);
        var faults = await zim.FailNextAsync(ZimAction.QueryUserInfos, 3, ZimCode.InvalidParameter, "injected by the test", cancellationToken: Ct);
        Assert.Equal(3, Assert.Single(faults.Rules).Count);

        var answers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await client.QueryUserInfosAsync(["u"], Ct)).Code);
        }

        Assert.Equal([ZimCode.InvalidParameter, ZimCode.InvalidParameter, ZimCode.InvalidParameter, 0, 0], answers);
        Assert.Empty((await zim.GetFaultsAsync(cancellationToken: Ct)).Rules);
        var logged = await zim.GetRequestsAsync(code: ZimCode.InvalidParameter, cancellationToken: Ct);
        Assert.Equal(3, logged.Length);
        Assert.All(logged, call => Assert.Equal("injected by the test", call.Reason));
    }

    [Fact]
    public async Task FaultsSetAreReadBackAndClearedAndARefusedOneSaysWhy()
    {
        await using var zim = await ZimEmulator.StartAsync(Unlimited(), Ct);

        var set = await zim.SetFaultsAsync(new FaultSettings(InternalErrorShare: 0.25, Next: [new FaultRule(null, 2, 7)]), cancellationToken: Ct);
        Assert.Equal(0.25, (await zim.GetFaultsAsync(cancellationToken: Ct)).InternalErrorShare);
        Assert.Equal(2, Assert.Single(set.Rules).Count);
        await zim.ClearFaultsAsync(cancellationToken: Ct);
        Assert.True((await zim.GetFaultsAsync(cancellationToken: Ct)).IsNone);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => zim.SetFaultsAsync(new FaultSettings(InternalErrorShare: 2), cancellationToken: Ct));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("between 0 and 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithBodiesKeptTheRequestLogShowsWhatTheCodeSent()
    {
        await using var zim = await ZimEmulator.StartAsync(Unlimited(bodies: true), Ct);
        await using var quiet = await ZimEmulator.StartAsync(Unlimited(), Ct);

        await zim.CreateClient().RegisterUsersAsync([new RegisterUserInfo("ann", "Ann")], Ct);
        await quiet.CreateClient().RegisterUsersAsync([new RegisterUserInfo("ann", "Ann")], Ct);

        var call = Assert.Single(await zim.GetRequestsAsync(cancellationToken: Ct));
        Assert.Equal("UserRegister", call.Action);
        Assert.Contains("\"UserId\":\"ann\"", call.Body, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await quiet.GetRequestsAsync(cancellationToken: Ct)).Body);
    }
}
