using Zim.Client.Bulk;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Client.Tests;

/// <summary>
/// Pacing against the real server process on the real clock, with an app limited to a few calls per second.
/// Each test runs for a few seconds.
/// </summary>
public sealed class PacingTests : IAsyncLifetime
{
    private static readonly TestApp Slow = new(1000000010, "0f1e2d3c4b5a69788796a5b4c3d2e1f0", 8);
    private ServerProcess server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await ServerProcess.StartInTempAsync(Slow);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task APacedImportStaysWithinTheLimitAndLosesNoUser()
    {
        var traffic = new Traffic();
        var started = TimeProvider.System.GetTimestamp();
        var result = await new ZimBulkRegistrar(server.Client(Slow, traffic))
            .RegisterAsync(NewUsers.Of(320), new BulkRegistrationOptions { BatchSize = 10 }, Token);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(new BulkTally(320, 0, 0, 0, 0), result.Tally);
        // 32 calls at 8 per second span at least four windows, so more than two whole seconds.
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"took only {elapsed}");
        // A call can still arrive in the next window when the machine is busy; the client must then recover it.
        var refused = traffic.Codes.Count(c => c == ZimCode.RegisterRateLimited);
        Assert.True(refused <= 8, $"{refused} of {traffic.Codes.Count} calls were refused for the rate limit");
        Assert.Equal(32, traffic.Codes.Count(c => c == ZimCode.Success));
    }

    [Fact]
    public async Task TwoClientsSharingTheAppsLimitRecoverEveryRefusedCall()
    {
        // Each client has a handler of its own: a handler's inner handler cannot change once it has sent.
        var traffic = new[] { new Traffic(), new Traffic() };
        var registrars = traffic.Select(t => new ZimBulkRegistrar(server.Client(Slow, t))).ToList();
        var results = await Task.WhenAll(registrars.Select(registrar =>
            registrar.RegisterAsync(NewUsers.Of(120), new BulkRegistrationOptions { BatchSize = 10 }, Token)));

        var codes = traffic.SelectMany(t => t.Codes).ToList();
        Assert.All(results, r => Assert.Equal(new BulkTally(120, 0, 0, 0, 0), r.Tally));
        Assert.Contains(ZimCode.RegisterRateLimited, codes);
        Assert.Equal(24, codes.Count(c => c == ZimCode.Success));
    }

    [Fact]
    public async Task QueriesArePacedToo()
    {
        var client = server.Client(Slow);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.QueryUserInfosAsync(["nobody"], Token)));
        Assert.All(answers, a => Assert.Equal(ZimCode.QueryUserNotFound, a.Code));
    }
}
