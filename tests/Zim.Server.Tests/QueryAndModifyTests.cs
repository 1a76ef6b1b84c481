using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Sections 6 to 8: QueryUserInfos, ModifyUserInfo and QueryUserOnlineState.</summary>
public abstract class QueryAndModifyTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    private async Task<string> RegisteredUser(string name = "Ann", string avatar = "https://x/a.png")
    {
        var id = Json.NewId();
        var answer = await caller.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = name, UserAvatar = avatar } } }));
        Assert.Equal(ZimCode.Success, answer.Code);
        return id;
    }

    private async Task<System.Text.Json.JsonElement> Profile(string id) =>
        (await caller.PostAsync("QueryUserInfos", Json.Ids(id))).Result.Single();

    [Fact]
    public async Task QueryAnswersRegisteredUsersInRequestOrderAndListsUnknownOnes()
    {
        var (a, b) = (await RegisteredUser("Ann"), await RegisteredUser("Bob"));
        var unknown = Json.NewId();
        var answer = await caller.PostAsync("QueryUserInfos", Json.Ids(b, unknown, a));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([b, a], answer.Result.Select(r => r.GetProperty("UserId").GetString()));
        Assert.Equal("Bob", answer.Result[0].GetProperty("UserName").GetString());
        Assert.Equal("https://x/a.png", answer.Result[1].GetProperty("UserAvatar").GetString());
        Assert.Equal([(unknown, ZimCode.QueryUserNotFound)], answer.Errors);
    }

    [Fact]
    public async Task QueryingOnlyUnknownUsersAnswers660700015()
    {
        var answer = await caller.PostAsync("QueryUserInfos", Json.Ids(Json.NewId(), Json.NewId()));
        Assert.Equal(ZimCode.QueryUserNotFound, answer.Code);
        Assert.Empty(answer.Result);
        Assert.Equal(2, answer.Errors.Count);
    }

    [Fact]
    public async Task QueryReportsAnInvalidUserIdWithTheRegistrationSubCode()
    {
        var a = await RegisteredUser();
        var answer = await caller.PostAsync("QueryUserInfos", Json.Ids(a, new string('x', 33), "bad id"));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([(new string('x', 33), ZimCode.UserIdTooLong), ("bad id", ZimCode.InvalidParameter)], answer.Errors);
    }

    [Theory]
    [InlineData("""{"UserIds":[]}""")]
    [InlineData("""{"UserIds":"a"}""")]
    [InlineData("""{"UserIds":["a",1]}""")]
    [InlineData("""{"UserIds":null}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""nope""")]
    public async Task AMalformedQueryFailsWhole(string body)
    {
        var answer = await caller.PostAsync("QueryUserInfos", body);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Empty(answer.Result);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task QueryTakesAHundredIdsButNotAHundredAndOne()
    {
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids(Enumerable.Range(0, 100).Select(i => $"n{i}").ToArray()))).Code);
        Assert.Equal(ZimCode.InvalidParameter, (await caller.PostAsync("QueryUserInfos", Json.Ids(Enumerable.Range(0, 101).Select(i => $"n{i}").ToArray()))).Code);
    }

    [Fact]
    public async Task ModifyChangesOnlyThePropertiesItNames()
    {
        var a = await RegisteredUser("Ann", "https://x/a.png");
        var answer = await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = a, UserName = "Anna" } } }));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
        var profile = await Profile(a);
        Assert.Equal("Anna", profile.GetProperty("UserName").GetString());
        Assert.Equal("https://x/a.png", profile.GetProperty("UserAvatar").GetString());
    }

    [Fact]
    public async Task ModifyWithAnEmptyStringClearsAndSetsExtra()
    {
        var a = await RegisteredUser("Ann", "https://x/a.png");
        var answer = await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = a, UserAvatar = "", Extra = "{\"grade\":5}\n" } } }));
        Assert.Equal(ZimCode.Success, answer.Code);
        var profile = await Profile(a);
        Assert.Equal("Ann", profile.GetProperty("UserName").GetString());
        Assert.Equal("", profile.GetProperty("UserAvatar").GetString());
        Assert.Equal("{\"grade\":5}\n", profile.GetProperty("Extra").GetString());
    }

    [Fact]
    public async Task ModifyingAnUnknownUserReports660700012()
    {
        var (a, unknown) = (await RegisteredUser(), Json.NewId());
        var some = await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = unknown, UserName = "X" }, new { UserId = a, UserName = "Y" } } }));
        Assert.Equal(ZimCode.Success, some.Code);
        Assert.Equal([(unknown, ZimCode.ModifyUserNotFound)], some.Errors);

        var none = await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = unknown, UserName = "X" } } }));
        Assert.Equal(ZimCode.ModifyUserNotFound, none.Code);
    }

    [Fact]
    public async Task ModifyAppliesTheLengthRulesAndChangesNothingOfAFailedUser()
    {
        var a = await RegisteredUser("Ann");
        var answer = await caller.PostAsync("ModifyUserInfo", Json.Of(new
        {
            UserInfo = new object[]
            {
                new { UserId = a, UserName = new string('n', 65) },
                new { UserId = a, Extra = new string('e', 2049) },
                new { UserId = a, UserAvatar = new string('a', 501) },
                new { UserId = a, UserName = "A\u0000" },
            },
        }));
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal([(a, ZimCode.UserNameTooLong), (a, ZimCode.InvalidParameter), (a, ZimCode.UserAvatarTooLong), (a, ZimCode.InvalidParameter)], answer.Errors);
        Assert.Equal("Ann", (await Profile(a)).GetProperty("UserName").GetString());
    }

    [Fact]
    public async Task ExtraMayHoldControlCharactersButNotNul()
    {
        var a = await RegisteredUser();
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = a, Extra = "\t\r\n\u0001" } } }))).Code);
        var nul = await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = a, Extra = "a\u0000" } } }));
        Assert.Equal(ZimCode.InvalidParameter, nul.Code);
        Assert.Equal([(a, ZimCode.InvalidParameter)], nul.Errors);
        Assert.Equal("\t\r\n\u0001", (await Profile(a)).GetProperty("Extra").GetString());
    }

    [Fact]
    public async Task ModifyAcceptsExtraOfExactly2048Bytes()
    {
        var a = await RegisteredUser();
        var extra = new string('é', 1024);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = a, Extra = extra } } }))).Code);
        Assert.Equal(extra, (await Profile(a)).GetProperty("Extra").GetString());
    }

    [Theory]
    [InlineData("""{"UserInfo":[]}""")]
    [InlineData("""{"UserInfo":[1]}""")]
    [InlineData("""{"UserInfo":{}}""")]
    [InlineData("""{"Users":[{"UserId":"a"}]}""")]
    public async Task AMalformedModifyFailsWhole(string body)
    {
        var answer = await caller.PostAsync("ModifyUserInfo", body);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task NoUserIsOnlineSoEachGoesToErrorListWith660200001()
    {
        var a = await RegisteredUser();
        var answer = await caller.GetAsync("QueryUserOnlineState", $"&UserId[]={a}&UserId[]=never-registered");
        Assert.Equal(ZimCode.UserNotOnline, answer.Code);
        Assert.Empty(answer.Result);
        Assert.Equal([(a, ZimCode.UserNotOnline), ("never-registered", ZimCode.UserNotOnline)], answer.Errors);
    }

    [Fact]
    public async Task OnlineStateTakesAHundredIdsButAHundredAndOneIsTooMany()
    {
        var hundred = string.Concat(Enumerable.Range(0, 100).Select(i => $"&UserId[]=n{i}"));
        Assert.Equal(ZimCode.UserNotOnline, (await caller.GetAsync("QueryUserOnlineState", hundred)).Code);
        var answer = await caller.GetAsync("QueryUserOnlineState", hundred + "&UserId[]=one-more");
        Assert.Equal(ZimCode.TooManyEntries, answer.Code);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task OnlineStateWithoutIdsIsAnInvalidParameter() =>
        Assert.Equal(ZimCode.InvalidParameter, (await caller.GetAsync("QueryUserOnlineState")).Code);

    [Fact]
    public async Task OnlineStateEscapedBracketsAreTheSameKey()
    {
        var answer = await caller.GetAsync("QueryUserOnlineState", "&UserId%5B%5D=a1");
        Assert.Equal([("a1", ZimCode.UserNotOnline)], answer.Errors);
    }
}

public sealed class QueryAndModifyOnSqlite(ZimFactory factory) : QueryAndModifyTests<ZimFactory>(factory);

public sealed class QueryAndModifyOnPostgres(PostgresZimFactory factory) : QueryAndModifyTests<PostgresZimFactory>(factory);
