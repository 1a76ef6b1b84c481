using Zim.Client.Bulk;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Client.Tests;

/// <summary>Transport failures and 660000001 are retried; a lost answer never loses the user's outcome.</summary>
public sealed class RetryTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TransportFailuresAndInternalErrorsAreRetriedUntilTheCallSucceeds()
    {
        var traffic = new Traffic { FailBefore = [1, 2], InternalError = [3] };
        var answer = await factory.Client(TestApp.A, traffic).RegisterUsersAsync(NewUsers.Of(5), Token);
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(5, traffic.SentUserIds.Count);
    }

    [Fact]
    public async Task AUserWhoseAnswerWasLostIsReportedAsAlreadyRegisteredNotLost()
    {
        var users = NewUsers.Of(30);
        var traffic = new Traffic { LoseAnswer = [2] };
        var observer = new RecordingObserver();
        var result = await new ZimBulkRegistrar(factory.Client(TestApp.A, traffic))
            .RegisterAsync(users, new BulkRegistrationOptions { BatchSize = 10, MaxConcurrency = 1, Observer = observer }, Token);

        Assert.True(result.Complete);
        Assert.Equal(new BulkTally(20, 10, 0, 0, 0), result.Tally);
        Assert.Equal(users.Select(u => u.UserId).Order(), observer.Outcomes.Select(o => o.User.UserId).Order());
        Assert.Equal(users.Skip(10).Take(10).Select(u => u.UserId).Order(), observer.Ids(OutcomeKind.AlreadyRegistered).Order());
    }

    [Fact]
    public async Task ACallThatKeepsFailingStopsTheRunAndEveryUserReadIsStillAccounted()
    {
        var traffic = new Traffic { FailBefore = [.. Enumerable.Range(2, 100)] };
        var observer = new RecordingObserver();
        var users = NewUsers.Of(1000);
        var client = new ZimClient(new HttpClient(WithServer(traffic)), TestClients.Options(TestApp.A, factory.Server.BaseAddress, factory.Clock) with
        {
            QpsLimit = 0,
            RetryDelay = TimeSpan.Zero,
            MaxAttempts = 3,
        });
        var result = await new ZimBulkRegistrar(client)
            .RegisterAsync(users, new BulkRegistrationOptions { BatchSize = 10, MaxConcurrency = 1, Observer = observer }, Token);

        Assert.False(result.Complete);
        Assert.Contains("injected", result.StoppedBecause, StringComparison.Ordinal);
        Assert.Equal(10, result.Tally.Registered);
        Assert.True(result.Tally.Failed >= 10);
        Assert.Equal(result.Tally.Total, observer.Outcomes.Count);
        Assert.True(result.Tally.Total < users.Count, "the run should stop reading the input");
    }

    [Fact]
    public async Task AWrongSecretStopsTheRunAfterOneCall()
    {
        var traffic = new Traffic();
        var client = factory.Client(TestApp.A with { ServerSecret = new string('0', 32) }, traffic);
        var result = await new ZimBulkRegistrar(client).RegisterAsync(NewUsers.Of(500), new BulkRegistrationOptions { MaxConcurrency = 1 }, Token);
        Assert.Contains(ZimCode.SignatureInvalid.ToString(System.Globalization.CultureInfo.InvariantCulture), result.StoppedBecause, StringComparison.Ordinal);
        Assert.Single(traffic.Codes);
        Assert.Equal(0, result.Tally.Registered);
    }

    private HttpMessageHandler WithServer(DelegatingHandler handler)
    {
        handler.InnerHandler = factory.Server.CreateHandler();
        return handler;
    }
}
