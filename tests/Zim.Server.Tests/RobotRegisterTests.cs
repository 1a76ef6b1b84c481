using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Friends contract section 11: RobotRegister, and UserRegister refusing the bots' prefix.</summary>
public abstract class RobotRegisterTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    private static string NewBot() => "@RBT#" + Json.NewId()[..20];

    private Task<ZimAnswer> Register(params object[] bots) => caller.PostAsync("RobotRegister", Json.Of(new { UserInfo = bots }));

    [Fact]
    public async Task BotsAreRegisteredAsUsersThatQueryModifyAndTheBlocklistSee()
    {
        var bot = NewBot();
        var answer = await Register(new { UserId = bot, UserName = "Helper", UserAvatar = "https://x/bot.png" });
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
        var profile = (await caller.PostAsync("QueryUserInfos", Json.Ids(bot))).Result.Single();
        Assert.Equal("Helper", profile.GetProperty("UserName").GetString());
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = bot, UserName = "H2" } } }))).Code);
        var user = Json.NewId();
        await caller.PostAsync("UserRegister", Json.Users(user));
        var calls = new BlocklistCalls(caller);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(user, bot)).Code);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(bot, user)).Code);
        Assert.Equal("H2", (await calls.QueryAsync(user)).Json.GetProperty("Blacklist")[0].GetProperty("UserName").GetString());
    }

    [Fact]
    public async Task TheBotFlagIsStored()
    {
        var (bot, user) = (NewBot(), Json.NewId());
        await Register(new { UserId = bot });
        await caller.PostAsync("UserRegister", Json.Users(user));
        var flags = factory.Store.Strings($"SELECT CAST(is_bot AS text) FROM users WHERE user_id IN ('{bot}', '{user}') ORDER BY user_id");
        Assert.Equal(factory.Store.Provider == "Sqlite" ? ["1", "0"] : ["true", "false"], flags);
    }

    [Fact]
    public async Task EachEntryIsCheckedInTheUserRegisterOrderWithThePrefixRuleAfterTheCharacters()
    {
        var existing = NewBot();
        await Register(new { UserId = existing });
        var repeated = NewBot();
        var longId = "@RBT#" + new string('x', 28);
        var answer = await Register(
            new { UserId = "plain" + Json.NewId()[..10] },
            new { UserId = "@RBT#" },
            new { UserId = "@rbt#lower" },
            new { UserId = longId },
            new { UserId = "@RBT# space" },
            new { UserId = NewBot(), UserName = new string('n', 65) },
            new { UserId = NewBot(), UserAvatar = new string('a', 501) },
            new { UserId = existing },
            new { UserId = repeated },
            new { UserId = repeated });
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(
            [ZimCode.InvalidParameter, ZimCode.InvalidParameter, ZimCode.InvalidParameter, ZimCode.UserIdTooLong, ZimCode.InvalidParameter,
             ZimCode.UserNameTooLong, ZimCode.UserAvatarTooLong, ZimCode.UserExists, ZimCode.UserExists],
            answer.Errors.Select(e => e.SubCode));
        Assert.Contains("@RBT#", answer.Json.GetProperty("ErrorList")[0].GetProperty("SubMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("QueryUserInfos", Json.Ids(repeated))).Code);
    }

    [Fact]
    public async Task WhenEveryBotFailsTheCodeIsTheirSharedSubCode()
    {
        var bot = NewBot();
        await Register(new { UserId = bot });
        Assert.Equal(ZimCode.UserExists, (await Register(new { UserId = bot })).Code);
        Assert.Equal(ZimCode.InvalidParameter, (await Register(new { UserId = bot }, new { UserId = "nobot" })).Code);
    }

    [Fact]
    public async Task TwentyBotsAreTakenAndTwentyOneFailWhole()
    {
        var over = await Register([.. Enumerable.Range(0, 21).Select(_ => new { UserId = NewBot() })]);
        Assert.Equal(ZimCode.InvalidParameter, over.Code);
        Assert.Empty(over.Errors);
        Assert.Equal(ZimCode.Success, (await Register([.. Enumerable.Range(0, 20).Select(_ => new { UserId = NewBot() })])).Code);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("{}")]
    [InlineData("""{"UserInfo":[]}""")]
    [InlineData("""{"UserInfo":["@RBT#a"]}""")]
    public async Task AMalformedBodyFailsWhole(string body)
    {
        var answer = await caller.PostAsync("RobotRegister", body);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task UserRegisterRefusesTheBotPrefixAndPointsToRobotRegister()
    {
        var bot = NewBot();
        var answer = await caller.PostAsync("UserRegister", Json.Users(bot));
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal([(bot, ZimCode.InvalidParameter)], answer.Errors);
        Assert.Contains("RobotRegister", answer.Json.GetProperty("ErrorList")[0].GetProperty("SubMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users("x@RBT#" + Json.NewId()[..10]))).Code);
    }
}

public sealed class RobotRegisterOnSqlite(ZimFactory factory) : RobotRegisterTests<ZimFactory>(factory);

public sealed class RobotRegisterOnPostgres(PostgresZimFactory factory) : RobotRegisterTests<PostgresZimFactory>(factory);
