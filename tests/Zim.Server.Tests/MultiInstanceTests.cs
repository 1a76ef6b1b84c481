using System.Net.Http.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Three server processes sharing one PostgreSQL database and one Redis behave as one server: the
/// database decides every race, the app's limit holds as a whole, and a nonce is used once anywhere.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private static readonly TestApp Burst = new(1000000010, "0f0e0d0c0b0a09080706050403020100", 10);

    private ServerCluster? cluster;

    public async ValueTask InitializeAsync() => cluster = await ServerCluster.StartAsync([TestApp.A, Burst]);

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    private IReadOnlyList<ServerProcess> Servers => cluster!.Servers;

    private ZimCaller Caller(int instance, TestApp app) => cluster!.Caller(instance, app);

    [Fact]
    public async Task EveryInstanceServesTheAppsAndSaysItsLimitsAreShared()
    {
        foreach (var server in Servers)
        {
            var health = await server.Http.GetFromJsonAsync<Dictionary<string, object>>("/healthz", TestContext.Current.CancellationToken);
            Assert.Equal("shared (Redis)", health!["Limits"].ToString());
            Assert.Equal("2", health["Apps"].ToString());
        }
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfTheSameUsersOnAllInstancesHaveOneWinnerEach()
    {
        var contested = Enumerable.Range(0, 50).Select(_ => Json.NewId()).ToArray();
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Caller(i % Servers.Count, TestApp.A).PostAsync("UserRegister", Json.Users(contested))));

        foreach (var id in contested)
        {
            var winners = answers.Count(a => a.Code == ZimCode.Success && !a.Errors.Any(e => e.UserId == id));
            Assert.True(winners == 1, $"{id} was registered by {winners} requests");
        }
        Assert.All(answers.Where(a => a.Code != ZimCode.Success), a => Assert.Equal(ZimCode.UserExists, a.Code));
    }

    [Fact]
    public Task ABurstSpreadOverAllInstancesIsLimitedToTheAppsLimitAsAWhole() =>
        BurstAsync(caller => caller.PostAsync("QueryUserInfos", Json.Ids("x")), ZimCode.QueryUserNotFound);

    /// <summary>60 calls spread over the instances: those admitted answer <paramref name="admittedCode"/>, the rest 660300005.</summary>
    private async Task BurstAsync(Func<ZimCaller, Task<ZimAnswer>> call, int admittedCode)
    {
        // Start just after a second boundary, so the burst most likely fits in one window.
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - now.Millisecond + 20), TestContext.Current.CancellationToken);
        var first = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => call(Caller(i % Servers.Count, Burst))));
        var last = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var admitted = answers.Count(a => a.Code == admittedCode);
        var refused = answers.Count(a => a.Code == ZimCode.QueryRateLimited);
        Assert.Equal(answers.Length, admitted + refused);
        Assert.InRange(admitted, Burst.QpsLimit, Burst.QpsLimit * (last - first + 1));
    }

    [Fact]
    public async Task ConcurrentBlocksOfOnePairOnAllInstancesHaveOneWinner()
    {
        var (owner, target) = (Json.NewId(), Json.NewId());
        Assert.Equal(ZimCode.Success, (await Caller(0, TestApp.A).PostAsync("UserRegister", Json.Users(owner, target))).Code);
        var body = Json.Of(new { FromUserId = owner, UserIds = new[] { target } });
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Caller(i % Servers.Count, TestApp.A).PostAsync("AddUsersToBlacklist", body)));
        Assert.Equal(1, answers.Count(a => a.Code == ZimCode.Success));
        Assert.All(answers.Where(a => a.Code != ZimCode.Success), a => Assert.Equal([(target, ZimCode.AlreadyBlocked)], a.ErrorsIn("ErrList")));
    }

    [Fact]
    public async Task ConcurrentAddFriendsOfOnePairBothWaysOnAllInstancesHaveOneWinnerAndOneRowEachWay()
    {
        var (a, b) = (Json.NewId(), Json.NewId());
        Assert.Equal(ZimCode.Success, (await Caller(0, TestApp.A).PostAsync("UserRegister", Json.Users(a, b))).Code);
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Caller(i % Servers.Count, TestApp.A).PostAsync("AddFriends",
            Json.Of(new { FromUserId = i % 2 == 0 ? a : b, FriendInfos = new[] { new { UserId = i % 2 == 0 ? b : a } } }))));
        Assert.Equal(1, answers.Count(x => x.Code == ZimCode.Success));
        Assert.All(answers.Where(x => x.Code != ZimCode.Success), x => Assert.Equal(ZimCode.AlreadyFriend, x.Errors.Single().SubCode));
        foreach (var (owner, friend) in new[] { (a, b), (b, a) })
        {
            var list = await Caller(2, TestApp.A).GetAsync("QueryFriendList", "&FromUserId=" + owner);
            Assert.Equal([friend], list.Json.GetProperty("FriendInfos").EnumerateArray().Select(f => f.GetProperty("UserId").GetString()));
        }
    }

    [Fact]
    public Task ABlocklistBurstSpreadOverAllInstancesIsLimitedToTheAppsLimitAsAWhole() =>
        BurstAsync(caller => caller.GetAsync("QueryBlacklist", "&FromUserId=x"), ZimCode.FromUserNotRegistered);

    [Fact]
    public async Task ANonceUsedOnOneInstanceIsRefusedOnEveryOther()
    {
        var query = ZimCaller.Query(Caller(0, TestApp.A).Common("QueryUserInfos"));
        var body = Json.Ids("x");
        Assert.Equal(ZimCode.QueryUserNotFound, (await Caller(0, TestApp.A).SendAsync(HttpMethod.Post, query, body)).Code);
        for (var i = 1; i < Servers.Count; i++)
        {
            var replay = await Caller(i, TestApp.A).SendAsync(HttpMethod.Post, query, body);
            Assert.Equal(ZimCode.SignatureInvalid, replay.Code);
            Assert.Contains("already used", replay.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AUserRegisteredOnOneInstanceIsSeenByTheOthers()
    {
        var id = Json.NewId();
        Assert.Equal(ZimCode.Success, (await Caller(1, TestApp.A).PostAsync("UserRegister", Json.Users(id))).Code);
        Assert.Equal(ZimCode.Success, (await Caller(2, TestApp.A).PostAsync("QueryUserInfos", Json.Ids(id))).Code);
        Assert.Equal(ZimCode.UserExists, (await Caller(0, TestApp.A).PostAsync("UserRegister", Json.Users(id))).Code);
    }
}
