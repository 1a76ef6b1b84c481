using System.Net;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Section 5: UserRegister's whole-request failures, per-user rules, and its Code rules.</summary>
public abstract class UserRegisterTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    private Task<ZimAnswer> Register(string json) => caller.PostAsync("UserRegister", json);

    private async Task<bool> IsRegistered(string userId) =>
        (await caller.PostAsync("QueryUserInfos", Json.Ids(userId))).Code == ZimCode.Success;

    [Fact]
    public async Task RegisteringNewUsersAnswersSuccessWithAnEmptyErrorList()
    {
        var (a, b) = (Json.NewId(), Json.NewId());
        var answer = await Register(Json.Of(new { UserInfo = new[] { new { UserId = a, UserName = "Ann", UserAvatar = "https://x/a.png" }, new { UserId = b, UserName = "Bob", UserAvatar = "" } } }));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal("success", answer.Message);
        Assert.Empty(answer.Errors);
        Assert.Contains("\"ErrorList\":[]", answer.Raw, StringComparison.Ordinal);
        Assert.True(await IsRegistered(a));
        Assert.True(await IsRegistered(b));
    }

    [Fact]
    public async Task RegisteringAnExistingUserReportsSubCode660700002()
    {
        var (a, b) = (Json.NewId(), Json.NewId());
        Assert.Equal(ZimCode.Success, (await Register(Json.Users(a, b))).Code);
        var again = await Register(Json.Users(a, b));
        Assert.Equal(ZimCode.UserExists, again.Code);
        Assert.Equal([(a, ZimCode.UserExists), (b, ZimCode.UserExists)], again.Errors);
    }

    [Fact]
    public async Task AUserIdRepeatedInOneRequestIsRegisteredOnceAndReportedOnce()
    {
        var a = Json.NewId();
        var answer = await Register(Json.Users(a, a));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([(a, ZimCode.UserExists)], answer.Errors);
    }

    [Fact]
    public async Task ARepeatWhoseFirstOccurrenceWasInvalidMayRegister()
    {
        var a = Json.NewId();
        var answer = await Register(Json.Of(new { UserInfo = new object[] { new { UserId = a, UserName = new string('n', 65) }, new { UserId = a } } }));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([(a, ZimCode.UserNameTooLong)], answer.Errors);
        Assert.True(await IsRegistered(a));
    }

    [Fact]
    public async Task UserIdsAreCaseSensitive()
    {
        var a = "c" + Json.NewId()[1..];
        var answer = await Register(Json.Users(a, a.ToUpperInvariant()));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task SomeFailuresStillAnswerSuccessAndListOnlyTheFailedUsersInRequestOrder()
    {
        var (good1, good2, existing) = (Json.NewId(), Json.NewId(), Json.NewId());
        await Register(Json.Users(existing));
        var tooLong = new string('x', 33);
        var answer = await Register(Json.Users(tooLong, good1, existing, "bad id", good2));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([(tooLong, ZimCode.UserIdTooLong), (existing, ZimCode.UserExists), ("bad id", ZimCode.InvalidParameter)], answer.Errors);
        Assert.All(answer.Json.GetProperty("ErrorList").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("SubMessage").GetString())));
    }

    [Fact]
    public async Task WhenEveryUserFailsAlikeCodeIsTheirSharedSubCode()
    {
        var answer = await Register(Json.Users(new string('x', 33), new string('y', 40)));
        Assert.Equal(ZimCode.UserIdTooLong, answer.Code);
        Assert.Equal(2, answer.Errors.Count);
        Assert.NotEqual("success", answer.Message);
    }

    [Fact]
    public async Task WhenEveryUserFailsDifferentlyCodeIs660000002()
    {
        var existing = Json.NewId();
        await Register(Json.Users(existing));
        var answer = await Register(Json.Users(new string('x', 33), existing));
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal([(new string('x', 33), ZimCode.UserIdTooLong), (existing, ZimCode.UserExists)], answer.Errors);
    }

    public static TheoryData<string> WholeRequestFailures => new()
    {
        "",
        "not json",
        "{\"UserInfo\":[{\"UserId\":\"a\"}]",
        "[]",
        "\"UserInfo\"",
        "{}",
        "{\"UserInfo\":null}",
        "{\"UserInfo\":\"a\"}",
        "{\"UserInfo\":{\"UserId\":\"a\"}}",
        "{\"UserInfo\":[]}",
        "{\"UserInfo\":[{\"UserId\":\"ok1\"},42]}",
        "{\"UserInfo\":[{\"UserId\":\"ok1\"},null]}",
        "{\"UserInfo\":[{\"UserId\":\"ok1\"},[\"a\"]]}",
    };

    [Theory]
    [MemberData(nameof(WholeRequestFailures))]
    public async Task AMalformedRequestFailsWholeWithAnEmptyErrorList(string body)
    {
        var answer = await Register(body.Replace("ok1", Json.NewId(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task AnEntryThatIsNotAnObjectStoresNoUserOfTheRequest()
    {
        var a = Json.NewId();
        var answer = await Register($$"""{"UserInfo":[{"UserId":"{{a}}"},7]}""");
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.False(await IsRegistered(a));
    }

    [Fact]
    public async Task AHundredUsersMayRegisterInOneCallButNotAHundredAndOne()
    {
        var hundred = Enumerable.Range(0, 100).Select(_ => Json.NewId()).ToArray();
        var answer = await Register(Json.Users(hundred));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);

        var hundredAndOne = Enumerable.Range(0, 101).Select(_ => Json.NewId()).ToArray();
        var refused = await Register(Json.Users(hundredAndOne));
        Assert.Equal(ZimCode.InvalidParameter, refused.Code);
        Assert.Empty(refused.Errors);
        Assert.False(await IsRegistered(hundredAndOne[0]));
    }

    public static TheoryData<string, int> PerUserRules => new()
    {
        { """{"UserName":"no id"}""", ZimCode.InvalidParameter },
        { """{"UserId":""}""", ZimCode.InvalidParameter },
        { """{"UserId":null}""", ZimCode.InvalidParameter },
        { """{"UserId":123}""", ZimCode.InvalidParameter },
        { """{"UserId":["a"]}""", ZimCode.InvalidParameter },
        { $$"""{"UserId":"{{new string('a', 33)}}"}""", ZimCode.UserIdTooLong },
        { $$"""{"UserId":"{{new string('中', 11)}}"}""", ZimCode.UserIdTooLong },
        { $$"""{"UserId":"{{new string('中', 10)}}"}""", ZimCode.InvalidParameter },
        { """{"UserId":"has space"}""", ZimCode.InvalidParameter },
        { """{"UserId":"a*b"}""", ZimCode.InvalidParameter },
        { """{"UserId":"a/b"}""", ZimCode.InvalidParameter },
        { """{"UserId":"a,b"}""", ZimCode.InvalidParameter },
        { """{"UserId":"x\u0000"}""", ZimCode.InvalidParameter },
        { $$"""{"UserId":"ID","UserName":"{{new string('n', 65)}}"}""", ZimCode.UserNameTooLong },
        { $$"""{"UserId":"ID","UserName":"{{new string('中', 22)}}"}""", ZimCode.UserNameTooLong },
        { $$"""{"UserId":"ID","UserAvatar":"{{new string('a', 501)}}"}""", ZimCode.UserAvatarTooLong },
        { $$"""{"UserId":"ID","UserAvatar":"{{new string('é', 250)}}a"}""", ZimCode.UserAvatarTooLong },
        { """{"UserId":"ID","UserName":"a\u0000b"}""", ZimCode.InvalidParameter },
        { """{"UserId":"ID","UserName":"a\tb"}""", ZimCode.InvalidParameter },
        { """{"UserId":"ID","UserName":"a\u007fb"}""", ZimCode.InvalidParameter },
        { """{"UserId":"ID","UserAvatar":"https://x/\n"}""", ZimCode.InvalidParameter },
        { """{"UserId":"ID","UserName":5}""", ZimCode.InvalidParameter },
        { """{"UserId":"ID","UserAvatar":{"url":"x"}}""", ZimCode.InvalidParameter },
        { $$"""{"UserId":"ID","UserName":"\u0001{{new string('n', 64)}}"}""", ZimCode.UserNameTooLong },
        { $$"""{"UserId":"ID","UserName":"\u0001","UserAvatar":"{{new string('a', 501)}}"}""", ZimCode.UserAvatarTooLong },
        { $$"""{"UserId":"{{new string('a', 33)}}","UserName":"{{new string('n', 65)}}"}""", ZimCode.UserIdTooLong },
        { $$"""{"UserId":"{{new string('*', 33)}}"}""", ZimCode.UserIdTooLong },
    };

    /// <summary>Each rule of the table, sent beside a valid user that must still register.</summary>
    [Theory]
    [MemberData(nameof(PerUserRules))]
    public async Task EachPerUserRuleFailsOnlyThatUser(string entry, int subCode)
    {
        entry = entry.Replace("\"ID\"", $"\"{Json.NewId()}\"", StringComparison.Ordinal);
        var good = Json.NewId();
        var answer = await Register($$"""{"UserInfo":[{{entry}},{"UserId":"{{good}}"}]}""");
        Assert.Equal(ZimCode.Success, answer.Code);
        var error = Assert.Single(answer.Errors);
        Assert.Equal(subCode, error.SubCode);
        Assert.True(await IsRegistered(good));
    }

    public static TheoryData<string> AtTheLimits => new()
    {
        $$"""{"UserId":"{{Json.NewId()}}","UserName":"{{new string('n', 64)}}","UserAvatar":"{{new string('a', 500)}}"}""",
        $$"""{"UserId":"{{Json.NewId()}}","UserName":"{{new string('中', 21)}}n","UserAvatar":"{{new string('é', 250)}}"}""",
        $$"""{"UserId":"{{Json.NewId()}}","UserName":"王小明 😀 Zoë","UserAvatar":"https://cdn.example/ä.png"}""",
        $$"""{"UserId":"{{Json.NewId()}}","UserName":null,"UserAvatar":null}""",
        $$"""{"UserId":"{{Json.NewId()[..12]}}!#$%&()+-:;<=.>?@[]"}""",
        $$"""{"UserId":"{{Json.NewId()[..20]}}^_{}|~"}""",
    };

    [Theory]
    [MemberData(nameof(AtTheLimits))]
    public async Task UsersAtTheLimitsRegister(string entry)
    {
        var answer = await Register($$"""{"UserInfo":[{{entry}}]}""");
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task PropertyNamesMatchInAnyCaseAndUnknownOnesAreIgnored()
    {
        var a = Json.NewId();
        var answer = await Register($$"""{"userinfo":[{"USERID":"{{a}}","username":"Ann","Grade":5}],"Extra":true}""");
        Assert.Equal(ZimCode.Success, answer.Code);
        var profile = await caller.PostAsync("QueryUserInfos", Json.Ids(a));
        Assert.Equal("Ann", profile.Result[0].GetProperty("UserName").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    [InlineData("application/json; charset=utf-8")]
    public async Task TheContentTypeMayBeMissingOrPlainText(string? contentType)
    {
        var answer = await caller.SendAsync(HttpMethod.Post, ZimCaller.Query(caller.Common("UserRegister")), Json.Users(Json.NewId()), contentType);
        Assert.Equal(ZimCode.Success, answer.Code);
    }

    [Fact]
    public async Task UnsetProfileFieldsAreStoredEmpty()
    {
        var a = Json.NewId();
        await Register(Json.Users(a));
        var profile = (await caller.PostAsync("QueryUserInfos", Json.Ids(a))).Result.Single();
        Assert.Equal("", profile.GetProperty("UserName").GetString());
        Assert.Equal("", profile.GetProperty("UserAvatar").GetString());
        Assert.Equal("", profile.GetProperty("Extra").GetString());
    }
}

public sealed class UserRegisterOnSqlite(ZimFactory factory) : UserRegisterTests<ZimFactory>(factory);

public sealed class UserRegisterOnPostgres(PostgresZimFactory factory) : UserRegisterTests<PostgresZimFactory>(factory);
