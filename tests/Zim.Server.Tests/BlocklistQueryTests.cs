using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Friends contract sections 10.3 and 10.4: QueryBlacklist (GET, a body as fallback) and CheckUsersIsInBlacklist.</summary>
public abstract class BlocklistQueryTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly BlocklistCalls calls = new(factory.Caller(TestApp.A));

    [Fact]
    public async Task TheListIsNewestFirstThenByUserIdWithCurrentProfilesAndTheTimeOfTheBlock()
    {
        var ids = await calls.UsersAsync(4);
        var (a, older, newer) = (ids[0], new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal).ToArray(), ids[3]);
        await calls.AddAsync(a, older.Reverse().ToArray());
        var blockedAt = factory.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        await calls.AddAsync(a, newer);
        await calls.Caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = older[0], UserName = "Olga", UserAvatar = "https://x/o.png" } } }));

        var answer = await calls.QueryAsync(a);
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(3, answer.Json.GetProperty("TotalCount").GetInt64());
        Assert.Equal(0, answer.Json.GetProperty("Next").GetInt64());
        Assert.Equal([newer, older[0], older[1]], BlocklistCalls.Blocked(answer));
        var olga = answer.Json.GetProperty("Blacklist")[1];
        Assert.Equal("Olga", olga.GetProperty("UserName").GetString());
        Assert.Equal("https://x/o.png", olga.GetProperty("Avatar").GetString());
        Assert.Equal(blockedAt, olga.GetProperty("UpdateTime").GetInt64());
        Assert.Equal("", answer.Json.GetProperty("Blacklist")[0].GetProperty("UserName").GetString());
        Assert.Equal(["UserId", "UserName", "Avatar", "UpdateTime"], olga.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnEmptyListAnswersZeroTotalAndAnEmptyPage()
    {
        var a = await calls.UserAsync();
        var answer = await calls.QueryAsync(a, "&Limit=10&Next=0");
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(0, answer.Json.GetProperty("TotalCount").GetInt64());
        Assert.Equal(0, answer.Json.GetProperty("Next").GetInt64());
        Assert.Empty(BlocklistCalls.Blocked(answer));
    }

    [Fact]
    public async Task LimitAndNextPageThroughTheListAndANextPastTheEndGivesAnEmptyPage()
    {
        var ids = await calls.UsersAsync(6);
        await calls.AddAsync(ids[0], ids[1..]);
        var first = await calls.QueryAsync(ids[0], "&Limit=2");
        Assert.Equal(2, first.Json.GetProperty("Next").GetInt64());
        var second = await calls.QueryAsync(ids[0], "&Limit=2&Next=2");
        Assert.Equal(4, second.Json.GetProperty("Next").GetInt64());
        var last = await calls.QueryAsync(ids[0], "&Limit=2&Next=4");
        Assert.Equal(0, last.Json.GetProperty("Next").GetInt64());
        Assert.Equal(ids[1..].Order(StringComparer.Ordinal), new[] { first, second, last }.SelectMany(BlocklistCalls.Blocked));
        var past = await calls.QueryAsync(ids[0], "&Next=99");
        Assert.Equal((ZimCode.Success, 5L, 0L), (past.Code, past.Json.GetProperty("TotalCount").GetInt64(), past.Json.GetProperty("Next").GetInt64()));
        Assert.Empty(BlocklistCalls.Blocked(past));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&Limit=0")]
    [InlineData("&Limit=")]
    [InlineData("&Limit=101")]
    [InlineData("&Limit=99999999999")]
    [InlineData("&Next=")]
    public async Task AnAbsentZeroOrTooLargeLimitMeansAHundredAndAnEmptyNextTheFirstPage(string extra)
    {
        var a = await calls.UserAsync();
        Assert.Equal(ZimCode.Success, (await calls.QueryAsync(a, extra)).Code);
    }

    [Theory]
    [InlineData("&Limit=-1")]
    [InlineData("&Limit=ten")]
    [InlineData("&Limit=1.5")]
    [InlineData("&Next=-2")]
    [InlineData("&Next=x")]
    [InlineData("&Next=%FF")]
    public async Task ANegativeOrNonIntegerLimitOrNextAnswers660000002(string extra)
    {
        var a = await calls.UserAsync();
        var answer = await calls.QueryAsync(a, extra);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Empty(BlocklistCalls.Blocked(answer));
        Assert.Equal(0, answer.Json.GetProperty("TotalCount").GetInt64());
    }

    [Fact]
    public async Task AMissingInvalidOrUnregisteredFromUserIdFailsTheQuery()
    {
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.GetAsync("QueryBlacklist", "&Limit=5")).Code);
        Assert.Equal(ZimCode.InvalidParameter, (await calls.QueryAsync("bad id")).Code);
        Assert.Equal(ZimCode.InvalidParameter, (await calls.QueryAsync(new string('x', 33))).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await calls.QueryAsync(Json.NewId())).Code);
    }

    [Fact]
    public async Task AJsonBodyFillsInWhatTheQueryLacksAndTheQueryWins()
    {
        var ids = await calls.UsersAsync(4);
        await calls.AddAsync(ids[0], ids[2], ids[3]);
        string Query() => ZimCaller.Query(calls.Caller.Common("QueryBlacklist"));
        var fromBody = await calls.Caller.SendAsync(HttpMethod.Get, Query(), Json.Of(new { fromuserid = ids[0], Limit = 1 }));
        Assert.Equal(ZimCode.Success, fromBody.Code);
        Assert.Single(BlocklistCalls.Blocked(fromBody));
        Assert.Equal(1, fromBody.Json.GetProperty("Next").GetInt64());
        var queryWins = await calls.Caller.SendAsync(HttpMethod.Get, Query() + "&FromUserId=" + ids[1], Json.Of(new { FromUserId = ids[0], Next = "1" }));
        Assert.Equal(ZimCode.Success, queryWins.Code);
        Assert.Equal(0, queryWins.Json.GetProperty("TotalCount").GetInt64());
        var notJson = await calls.Caller.SendAsync(HttpMethod.Get, Query() + "&FromUserId=" + ids[0], "not json");
        Assert.Equal(2, notJson.Json.GetProperty("TotalCount").GetInt64());
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.SendAsync(HttpMethod.Get, Query(), """{"FromUserId":["x"]}""")).Code);
    }

    [Fact]
    public async Task TheQueryMustBeAGet()
    {
        var answer = await calls.Caller.PostAsync("QueryBlacklist", "{}");
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Contains("GET", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAnswersOneForBlockedUsersZeroForOthersAndForItselfAndRepeatsAnswersAgain()
    {
        var ids = await calls.UsersAsync(3);
        var (a, b, c) = (ids[0], ids[1], ids[2]);
        await calls.AddAsync(a, b);
        var unknown = Json.NewId();
        var answer = await calls.CheckAsync(a, b, c, a, unknown, b, "bad id");
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([(b, 1), (c, 0), (a, 0), (b, 1)], BlocklistCalls.Succ(answer));
        Assert.Equal([(unknown, ZimCode.QueryUserNotFound), ("bad id", ZimCode.InvalidParameter)], answer.ErrorsIn("ErrList"));
        Assert.Equal([(a, 0)], BlocklistCalls.Succ(await calls.CheckAsync(b, a)));
    }

    [Fact]
    public async Task CheckingOnlyUnregisteredUsersAnswersTheirSharedSubCodeAndMixedFailures660000002()
    {
        var a = await calls.UserAsync();
        var unregistered = await calls.CheckAsync(a, Json.NewId(), Json.NewId());
        Assert.Equal(ZimCode.QueryUserNotFound, unregistered.Code);
        Assert.Empty(BlocklistCalls.Succ(unregistered));
        Assert.Equal(2, unregistered.ErrorsIn("ErrList").Count);
        Assert.Equal(ZimCode.InvalidParameter, (await calls.CheckAsync(a, Json.NewId(), new string('y', 33))).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await calls.CheckAsync(Json.NewId(), a)).Code);
    }
}

public sealed class BlocklistQueriesOnSqlite(ZimFactory factory) : BlocklistQueryTests<ZimFactory>(factory);

public sealed class BlocklistQueriesOnPostgres(PostgresZimFactory factory) : BlocklistQueryTests<PostgresZimFactory>(factory);
