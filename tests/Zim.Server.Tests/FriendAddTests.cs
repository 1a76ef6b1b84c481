using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Friends contract sections 4 and 5: AddFriends and SendFriendApplication, row by row.</summary>
public abstract class FriendAddTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly FriendCalls calls = new(factory.Caller(TestApp.A));

    private long Now => factory.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task AddingMakesBothDirectionsWithTheEntrysFieldsOnlyOnTheCallersSide()
    {
        var (a, b, _) = await Three();
        var at = Now - 5000;
        var answer = await calls.AddAsync(a, [new { UserId = b, Wording = "hi", FriendAlias = "Bobby", FriendTime = at, Attributes = new[] { new { Key = "k1", Value = "y" }, new { Key = "k0", Value = "x" } } }]);
        Assert.Equal((ZimCode.Success, "success"), (answer.Code, answer.Message));
        Assert.Empty(answer.Errors);
        var mine = Assert.Single(await calls.FriendsAsync(a));
        Assert.Equal((b, "hi", "Bobby", at), (mine.GetProperty("UserId").GetString(), mine.GetProperty("Wording").GetString(), mine.GetProperty("FriendAlias").GetString(), mine.GetProperty("CreateTime").GetInt64()));
        Assert.Equal(["k0:x", "k1:y"], mine.GetProperty("Attributes").EnumerateArray().Select(e => e.GetProperty("Key").GetString() + ":" + e.GetProperty("Value").GetString()));
        Assert.Equal(["UserId", "UserName", "Avatar", "Wording", "FriendAlias", "CreateTime", "Attributes"], mine.EnumerateObject().Select(p => p.Name));
        var theirs = Assert.Single(await calls.FriendsAsync(b));
        Assert.Equal((a, "hi", "", at, 0), (theirs.GetProperty("UserId").GetString(), theirs.GetProperty("Wording").GetString(), theirs.GetProperty("FriendAlias").GetString(),
            theirs.GetProperty("CreateTime").GetInt64(), theirs.GetProperty("Attributes").GetArrayLength()));
    }

    [Fact]
    public async Task AnAbsentOrZeroFriendTimeMeansNow()
    {
        var (a, b, c) = await Three();
        await calls.AddAsync(a, [new { UserId = b }, new { UserId = c, FriendTime = 0 }]);
        Assert.All(await calls.FriendsAsync(a), f => Assert.Equal(Now, f.GetProperty("CreateTime").GetInt64()));
    }

    [Theory]
    [InlineData("AddFriends", "FriendTime")]
    [InlineData("SendFriendApplication", "CreateTime")]
    [InlineData("SendFriendApplication", "UpdateTime")]
    public async Task EachFailingEntryGetsTheSubCodeOfTheFirstRuleItBreaksInRequestOrder(string action, string time)
    {
        var (a, b, c) = await Three();
        var d = (await calls.UsersAsync(1))[0];
        await calls.AddAsync(a, c);
        var unknown = Json.NewId();
        var tooLong = new string('x', 33);
        var attribute = new { Key = "k0", Value = "v" };
        var entries = new (object Entry, string UserId, int SubCode)[]
        {
            (new { UserId = "bad id" }, "bad id", ZimCode.InvalidParameter),
            (new { UserId = tooLong }, tooLong, ZimCode.UserIdTooLong),
            (new { Wording = "no id" }, "", ZimCode.InvalidParameter),
            (new { UserId = 7 }, "", ZimCode.InvalidParameter),
            (new { UserId = a }, a, ZimCode.AddingSelf),
            (new { UserId = b, Wording = 7 }, b, ZimCode.InvalidParameter),
            (new { UserId = b }, b, ZimCode.UserIdRepeated),
        };
        var more = new (Func<string, object> Entry, int SubCode)[]
        {
            (id => new { UserId = id, FriendAlias = new string('x', 257), Wording = 3 }, ZimCode.InvalidParameter),
            (id => new { UserId = id, Wording = new string('é', 257) }, ZimCode.FriendTextTooLong),
            (id => new { UserId = id, FriendAlias = new string('x', 257), Attributes = "x" }, ZimCode.FriendTextTooLong),
            (id => new { UserId = id, Attributes = "x" }, ZimCode.AttributeMalformed),
            (id => new { UserId = id, Attributes = Enumerable.Range(0, 6).Select(i => new { Key = "k" + (i % 5), Value = "v" }) }, ZimCode.AttributeMalformed),
            (id => new { UserId = id, Attributes = new object[] { attribute, "k1" } }, ZimCode.AttributeMalformed),
            (id => new { UserId = id, Attributes = new object[] { new { Key = "k9", Value = "v" }, new { Key = "k1", Value = 5 } } }, ZimCode.AttributeMalformed),
            (id => new { UserId = id, Attributes = new object[] { new { Key = "k0" } } }, ZimCode.AttributeMalformed),
            (id => new { UserId = id, Attributes = new[] { attribute, attribute, new { Key = "k9", Value = "v" } } }, ZimCode.AttributeKeyInvalid),
            (id => new { UserId = id, Attributes = new[] { attribute, new { Key = "k0", Value = new string('x', 2000) } } }, ZimCode.AttributeKeyRepeated),
            (id => new { UserId = id, Attributes = new[] { new { Key = "k0", Value = new string('x', 1023) } } }, ZimCode.AttributesTooLong),
            (id => Timed(id, time, -1), ZimCode.InvalidParameter),
            (id => Timed(id, time, 1.5), ZimCode.InvalidParameter),
            (id => Timed(id, time, "1"), ZimCode.InvalidParameter),
            (id => Timed(id, time, Now + 1), ZimCode.TimeInFuture),
        };
        var fresh = await calls.UsersAsync(more.Length);
        var first = entries.Select(e => e.Entry).Append(new { UserId = unknown }).Append(new { UserId = c }).Append(new { UserId = d }).ToArray();
        var answer = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, FriendInfos = first }));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(entries.Select(e => (e.UserId, e.SubCode)).Append((unknown, ZimCode.QueryUserNotFound)).Append((c, ZimCode.AlreadyFriend)), answer.Errors);
        Assert.All(answer.Json.GetProperty("ErrorList").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("SubMessage").GetString())));
        var second = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, FriendInfos = more.Select((m, i) => m.Entry(fresh[i])).ToArray() }));
        Assert.Equal(ZimCode.InvalidParameter, second.Code);
        Assert.Equal(more.Select((m, i) => (fresh[i], m.SubCode)), second.Errors);
        var added = action == "AddFriends" ? await calls.FriendIdsAsync(a) : [];
        Assert.Equal(action == "AddFriends" ? new[] { c, d }.Order(StringComparer.Ordinal) : [], added.Order(StringComparer.Ordinal));
    }

    private static object Timed(string id, string name, object value) =>
        name switch { "FriendTime" => new { UserId = id, FriendTime = value }, "CreateTime" => new { UserId = id, CreateTime = value }, _ => new { UserId = id, UpdateTime = value } };

    [Fact]
    public async Task TwoHundredFiftySixCharactersOfFourBytesAndExactlyTheByteLimitAreTaken()
    {
        var (a, b, _) = await Three();
        var emoji = string.Concat(Enumerable.Repeat("😀", 256));
        var answer = await calls.AddAsync(a, [new { UserId = b, Wording = emoji, FriendAlias = emoji,
            Attributes = new[] { new { Key = "k0", Value = new string('x', 1020) }, new { Key = "k4", Value = "" } } }]);
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
        Assert.Equal(emoji, (await calls.FriendsAsync(a))[0].GetProperty("FriendAlias").GetString());
    }

    [Theory]
    [InlineData("AddFriends")]
    [InlineData("SendFriendApplication")]
    public async Task WhenEveryTargetIsUnregisteredTheCodeIs660800025AndOtherwiseTheSharedSubCode(string action)
    {
        var (a, b, _) = await Three();
        var (x, y) = (Json.NewId(), Json.NewId());
        var none = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, FriendInfos = new[] { new { UserId = x }, new { UserId = y } } }));
        Assert.Equal(ZimCode.NoTargetRegistered, none.Code);
        Assert.Equal([(x, ZimCode.QueryUserNotFound), (y, ZimCode.QueryUserNotFound)], none.Errors);
        var self = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, FriendInfos = new[] { new { UserId = a } } }));
        Assert.Equal(ZimCode.AddingSelf, self.Code);
        var mixed = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, FriendInfos = new[] { new { UserId = a }, new { UserId = x } } }));
        Assert.Equal(ZimCode.InvalidParameter, mixed.Code);
        Assert.Equal(2, mixed.Errors.Count);
        Assert.Empty(await calls.FriendIdsAsync(b));
    }

    [Theory]
    [InlineData("AddFriends")]
    [InlineData("SendFriendApplication")]
    public async Task WholeCallFailuresAnswerTheirCodeWithAnEmptyErrorListAndChangeNothing(string action)
    {
        var (a, b, _) = await Three();
        var ok = new[] { new { UserId = b } };
        async Task Refused(int code, string body)
        {
            var answer = await calls.Caller.PostAsync(action, body);
            Assert.Equal(code, answer.Code);
            Assert.Empty(answer.Errors);
        }
        await Refused(ZimCode.InvalidParameter, "[1]");
        await Refused(ZimCode.InvalidParameter, "not json");
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FriendInfos = ok }));
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FromUserId = "bad id", FriendInfos = ok }));
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FromUserId = 5, FriendInfos = ok }));
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FromUserId = a }));
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FromUserId = a, FriendInfos = (object?)null }));
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FromUserId = a, FriendInfos = "b" }));
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FromUserId = a, FriendInfos = Array.Empty<object>() }));
        await Refused(ZimCode.InvalidParameter, Json.Of(new { FromUserId = a, FriendInfos = new object[] { new { UserId = b }, "c" } }));
        await Refused(ZimCode.FriendBatchTooLong, Json.Of(new { FromUserId = a, FriendInfos = Enumerable.Range(0, 21).Select(i => new { UserId = $"n{i}" }) }));
        await Refused(ZimCode.FromUserNotRegistered, Json.Of(new { FromUserId = Json.NewId(), FriendInfos = ok }));
        Assert.Empty(await calls.FriendIdsAsync(b));
        var twenty = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, FriendInfos = Enumerable.Range(0, 20).Select(i => new { UserId = $"n{i}" }) }));
        Assert.Equal(ZimCode.NoTargetRegistered, twenty.Code);
    }

    [Fact]
    public async Task PropertyNamesMatchInAnyLetterCaseAndUnknownOnesAreIgnored()
    {
        var (a, b, _) = await Three();
        var answer = await calls.Caller.PostAsync("AddFriends",
            $$"""{"fromuserid":"{{a}}","FRIENDINFOS":[{"userid":"{{b}}","friendalias":"B","attributes":[{"key":"k2","VALUE":"z"}],"extra":1}],"other":true}""");
        Assert.Equal(ZimCode.Success, answer.Code);
        var friend = (await calls.FriendsAsync(a))[0];
        Assert.Equal(("B", "k2"), (friend.GetProperty("FriendAlias").GetString(), friend.GetProperty("Attributes")[0].GetProperty("Key").GetString()));
    }

    [Fact]
    public async Task AddingWhenTheOtherAlreadyHasTheCallerCreatesOnlyTheMissingDirection()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, [new { UserId = b, FriendAlias = "mine", Attributes = new[] { new { Key = "k0", Value = "kept" } } }]);
        Assert.Equal(ZimCode.Success, (await calls.DeleteAsync(b, 1, a)).Code);
        var again = await calls.AddAsync(b, [new { UserId = a, FriendAlias = "back" }]);
        Assert.Equal(ZimCode.Success, again.Code);
        var kept = (await calls.FriendsAsync(a))[0];
        Assert.Equal(("mine", "kept"), (kept.GetProperty("FriendAlias").GetString(), kept.GetProperty("Attributes")[0].GetProperty("Value").GetString()));
        Assert.Equal("back", (await calls.FriendsAsync(b))[0].GetProperty("FriendAlias").GetString());
        Assert.Equal([(a, ZimCode.AlreadyFriend)], (await calls.AddAsync(b, a)).Errors);
    }

    [Fact]
    public async Task AnApplicationIsStoredWaitingAndAddFriendsAcceptsItEitherWay()
    {
        var (a, b, c) = await Three();
        var answer = await calls.ApplyAsync(a, new { UserId = b, Wording = "let us be friends", FriendAlias = "Bee" }, new { UserId = c });
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
        Assert.Empty(await calls.FriendIdsAsync(a));
        Assert.Empty(await calls.FriendIdsAsync(b));
        var admin = factory.Admin();
        var sent = (await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{a}/applications"))).Json.GetProperty("Sent");
        var pairs = sent.EnumerateArray().Select(s => (s.GetProperty("ToUserId").GetString()!, s.GetProperty("State").GetInt32())).Order().ToArray();
        Assert.Equal(new[] { (b, 1), (c, 1) }.Order().ToArray(), pairs);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(b, a)).Code);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(a, c)).Code);
        var after = (await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{a}/applications"))).Json.GetProperty("Sent");
        Assert.All(after.EnumerateArray(), s => Assert.Equal(2, s.GetProperty("State").GetInt32()));
        Assert.Equal([(a, ZimCode.AlreadyFriend)], (await calls.ApplyAsync(b, new { UserId = a })).Errors);
    }

    [Fact]
    public async Task AfterAOneWayDeletionAnApplicationBringsTheFriendBackAtOnce()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, b);
        await calls.DeleteAsync(a, 1, b);
        var answer = await calls.ApplyAsync(a, new { UserId = b, FriendAlias = "again", Attributes = new[] { new { Key = "k3", Value = "w" } } });
        Assert.Equal(ZimCode.Success, answer.Code);
        var back = Assert.Single(await calls.FriendsAsync(a));
        Assert.Equal(("again", "k3"), (back.GetProperty("FriendAlias").GetString(), back.GetProperty("Attributes")[0].GetProperty("Key").GetString()));
        var applications = await factory.Admin().GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{a}/applications"));
        Assert.Empty(applications.Json.GetProperty("Sent").EnumerateArray());
    }

    [Fact]
    public async Task SendingAgainReplacesTheWaitingApplicationButKeepsItsCreateTimeAndACrossingOneIsNotAccepted()
    {
        var (a, b, _) = await Three();
        var created = Now - 10_000;
        await calls.ApplyAsync(a, new { UserId = b, Wording = "first", CreateTime = created, UpdateTime = created });
        await calls.ApplyAsync(a, new { UserId = b, Wording = "second", FriendAlias = "B2" });
        await calls.ApplyAsync(b, new { UserId = a, Wording = "crossing" });
        var admin = factory.Admin();
        var answer = await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{a}/applications"));
        var sent = Assert.Single(answer.Json.GetProperty("Sent").EnumerateArray());
        Assert.Equal(("second", "B2", created, Now, 1), (sent.GetProperty("Wording").GetString(), sent.GetProperty("FriendAlias").GetString(),
            sent.GetProperty("CreateTime").GetInt64(), sent.GetProperty("UpdateTime").GetInt64(), sent.GetProperty("State").GetInt32()));
        Assert.Equal(Now + (long)TimeSpan.FromDays(7).TotalMilliseconds, sent.GetProperty("ExpireTime").GetInt64());
        var received = Assert.Single(answer.Json.GetProperty("Received").EnumerateArray());
        Assert.Equal((b, a, 1), (received.GetProperty("FromUserId").GetString(), received.GetProperty("ToUserId").GetString(), received.GetProperty("State").GetInt32()));
        Assert.Empty(await calls.FriendIdsAsync(a));
    }

    [Fact]
    public async Task AnApplicationExpiresSevenDaysAfterItsUpdateTimeAndThenAddFriendsLeavesItExpired()
    {
        var (a, b, _) = await Three();
        var old = Now - (long)TimeSpan.FromDays(7).TotalMilliseconds - 1;
        await calls.ApplyAsync(a, new { UserId = b, CreateTime = old, UpdateTime = old });
        await calls.AddAsync(b, a);
        var sent = Assert.Single((await factory.Admin().GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{a}/applications"))).Json.GetProperty("Sent").EnumerateArray());
        Assert.Equal(4, sent.GetProperty("State").GetInt32());
    }

    [Fact]
    public async Task BlockingInEitherDirectionStopsNeitherAddingNorApplying()
    {
        var (a, b, c) = await Three();
        await calls.Caller.PostAsync("AddUsersToBlacklist", Json.Of(new { FromUserId = b, UserIds = new[] { a } }));
        await calls.Caller.PostAsync("AddUsersToBlacklist", Json.Of(new { FromUserId = a, UserIds = new[] { c } }));
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(a, b)).Code);
        Assert.Empty((await calls.ApplyAsync(a, new { UserId = c })).Errors);
    }

    private async Task<(string A, string B, string C)> Three()
    {
        var ids = await calls.UsersAsync(3);
        return (ids[0], ids[1], ids[2]);
    }
}

public sealed class FriendAddsOnSqlite(ZimFactory factory) : FriendAddTests<ZimFactory>(factory);

public sealed class FriendAddsOnPostgres(PostgresZimFactory factory) : FriendAddTests<PostgresZimFactory>(factory);
