using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Section 4: at most QpsLimit calls per (AppId, Action) per one-second window of the server clock.
/// The clock is the test's, so windows never roll over by accident.
/// </summary>
public abstract class RateLimitTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller limited = factory.Caller(TestApp.Limited);

    private void NextSecond() =>
        factory.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 1));

    [Theory]
    [InlineData("UserRegister", ZimCode.RegisterRateLimited)]
    [InlineData("QueryUserInfos", ZimCode.QueryRateLimited)]
    [InlineData("ModifyUserInfo", ZimCode.QueryRateLimited)]
    [InlineData("QueryUserOnlineState", ZimCode.TooManyRequests)]
    public async Task TheCallOverTheLimitGetsTheActionsOwnCode(string action, int code)
    {
        NextSecond();
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            Assert.NotEqual(code, (await Call(action)).Code);
        }
        var refused = await Call(action);
        Assert.Equal(code, refused.Code);
        Assert.Empty(refused.Errors);
        NextSecond();
        Assert.NotEqual(code, (await Call(action)).Code);
    }

    private Task<ZimAnswer> Call(string action) => action switch
    {
        "QueryUserOnlineState" => limited.GetAsync(action, "&UserId[]=x"),
        "QueryUserInfos" => limited.PostAsync(action, Json.Ids("x")),
        _ => limited.PostAsync(action, Json.Users(Json.NewId())),
    };

    [Fact]
    public async Task ARefusedRegistrationStoresNothing()
    {
        NextSecond();
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            await limited.PostAsync("UserRegister", Json.Users(Json.NewId()));
        }
        var id = Json.NewId();
        Assert.Equal(ZimCode.RegisterRateLimited, (await limited.PostAsync("UserRegister", Json.Users(id))).Code);
        NextSecond();
        Assert.Equal(ZimCode.QueryUserNotFound, (await limited.PostAsync("QueryUserInfos", Json.Ids(id))).Code);
    }

    [Fact]
    public async Task TheSameSignedCallMayBeRetriedAfterARefusal()
    {
        NextSecond();
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            await limited.PostAsync("UserRegister", Json.Users(Json.NewId()));
        }
        var query = ZimCaller.Query(limited.Common("UserRegister"));
        var body = Json.Users(Json.NewId());
        Assert.Equal(ZimCode.RegisterRateLimited, (await limited.SendAsync(HttpMethod.Post, query, body)).Code);
        NextSecond();
        Assert.Equal(ZimCode.Success, (await limited.SendAsync(HttpMethod.Post, query, body)).Code);
    }

    [Fact]
    public async Task ActionsAndAppsHaveWindowsOfTheirOwn()
    {
        NextSecond();
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            await limited.PostAsync("UserRegister", Json.Users(Json.NewId()));
        }
        Assert.Equal(ZimCode.RegisterRateLimited, (await limited.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.QueryUserNotFound, (await limited.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        var other = factory.Caller(TestApp.A);
        Assert.Equal(ZimCode.Success, (await other.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    [Fact]
    public async Task ConcurrentCallsInOneWindowAdmitExactlyTheLimit()
    {
        NextSecond();
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => limited.PostAsync("QueryUserInfos", Json.Ids("x"))));
        Assert.Equal(TestApp.Limited.QpsLimit, answers.Count(a => a.Code == ZimCode.QueryUserNotFound));
        Assert.Equal(30 - TestApp.Limited.QpsLimit, answers.Count(a => a.Code == ZimCode.QueryRateLimited));
    }

    [Fact]
    public async Task ALimitOfZeroIsUnlimited()
    {
        NextSecond();
        var unlimited = factory.Caller(TestApp.A);
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => unlimited.PostAsync("QueryUserInfos", Json.Ids("x"))));
        Assert.All(answers, a => Assert.Equal(ZimCode.QueryUserNotFound, a.Code));
    }

    [Fact]
    public async Task AReplayIsRefusedAsAReplayEvenWhenTheWindowIsFull()
    {
        NextSecond();
        var parameters = limited.Common("QueryUserInfos");
        Assert.Equal(ZimCode.QueryUserNotFound, (await limited.SendAsync(HttpMethod.Post, ZimCaller.Query(parameters), Json.Ids("x"))).Code);
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            await limited.PostAsync("QueryUserInfos", Json.Ids("x"));
        }
        Assert.Equal(ZimCode.SignatureInvalid, (await limited.SendAsync(HttpMethod.Post, ZimCaller.Query(parameters), Json.Ids("x"))).Code);
    }
}

public sealed class RateLimitOnSqlite(ZimFactory factory) : RateLimitTests<ZimFactory>(factory);

public sealed class RateLimitOnPostgres(PostgresZimFactory factory) : RateLimitTests<PostgresZimFactory>(factory);
