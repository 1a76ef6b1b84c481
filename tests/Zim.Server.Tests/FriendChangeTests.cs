using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Friends contract sections 6, 7 and 9: DeleteFriends, DeleteAllFriends, CheckFriendsRelation, UpdateFriendsAlias, UpdateFriendAttributes.</summary>
public abstract class FriendChangeTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly FriendCalls calls = new(factory.Caller(TestApp.A));

    [Fact]
    public async Task OneWayDeletionRemovesOnlyTheCallersDirection()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, b);
        var answer = await calls.DeleteAsync(a, 1, b);
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
        Assert.Empty(await calls.FriendIdsAsync(a));
        Assert.Equal([a], await calls.FriendIdsAsync(b));
        Assert.Equal([(b, ZimCode.NotFriend)], (await calls.DeleteAsync(a, 1, b)).Errors);
    }

    [Fact]
    public async Task TwoWayDeletionRemovesWhicheverDirectionsExistAndFailsOnlyWhenNeitherDoes()
    {
        var (a, b, c) = await Three();
        await calls.AddAsync(a, b, c);
        await calls.DeleteAsync(a, 1, c);
        var answer = await calls.DeleteAsync(a, 0, b, c);
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
        Assert.Empty(await calls.FriendIdsAsync(a));
        Assert.Empty(await calls.FriendIdsAsync(b));
        Assert.Empty(await calls.FriendIdsAsync(c));
        var none = await calls.DeleteAsync(a, 0, b);
        Assert.Equal((ZimCode.NotFriend, (b, ZimCode.NotFriend)), (none.Code, none.Errors.Single()));
    }

    [Fact]
    public async Task DeletionChecksEachEntryInTheContractsOrder()
    {
        var (a, b, c) = await Three();
        await calls.AddAsync(a, b);
        var unknown = Json.NewId();
        var answer = await calls.Caller.PostAsync("DeleteFriends", Json.Of(new { FromUserId = a, DeleteType = 0, UserIds = new object[] { "bad id", 3, a, b, b, c, unknown } }));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([("bad id", ZimCode.InvalidParameter), ("", ZimCode.InvalidParameter), (a, ZimCode.DeletingSelf), (b, ZimCode.UserIdRepeated),
            (c, ZimCode.NotFriend), (unknown, ZimCode.NotFriend)], answer.Errors);
        Assert.Empty(await calls.FriendIdsAsync(b));
    }

    [Theory]
    [InlineData("DeleteFriends", "DeleteType")]
    [InlineData("CheckFriendsRelation", "CheckType")]
    public async Task TheTypeIsRequiredAndZeroOrOneAndTheBatchTooLongIs660800019(string action, string type)
    {
        var a = (await calls.UsersAsync(1))[0];
        foreach (var bad in new object?[] { null, 2, -1, "0", 0.5 })
        {
            var body = bad is null ? Json.Of(new { FromUserId = a, UserIds = new[] { "x" } }) : Json.Of(new Dictionary<string, object> { ["FromUserId"] = a, ["UserIds"] = new[] { "x" }, [type] = bad });
            var answer = await calls.Caller.PostAsync(action, body);
            Assert.Equal(ZimCode.InvalidParameter, answer.Code);
            Assert.Contains(type, answer.Message, StringComparison.Ordinal);
        }
        var ids = Enumerable.Range(0, 21).Select(i => $"n{i}").ToArray();
        var over = await calls.Caller.PostAsync(action, Json.Of(new Dictionary<string, object> { ["FromUserId"] = a, ["UserIds"] = ids, [type] = 0 }));
        Assert.Equal((ZimCode.FriendBatchTooLong, "UserIds holds 21 entries; the limit is 20."), (over.Code, over.Message));
        var unregistered = await calls.Caller.PostAsync(action, Json.Of(new Dictionary<string, object> { ["FromUserId"] = Json.NewId(), ["UserIds"] = ids[..20], [type] = 1 }));
        Assert.Equal(ZimCode.FromUserNotRegistered, unregistered.Code);
    }

    [Fact]
    public async Task DeleteAllEmptiesTheListOneWayOrTwoWayAndLeavesUsersWhoOnlyHaveTheCaller()
    {
        var ids = await calls.UsersAsync(5);
        var (a, b, c, d, e) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        await calls.AddAsync(a, b, c);
        await calls.AddAsync(d, a);
        await calls.DeleteAsync(a, 1, d);
        var oneWay = await calls.DeleteAllAsync(a, 1);
        Assert.Equal((ZimCode.Success, "success"), (oneWay.Code, oneWay.Message));
        Assert.Equal(["Code", "Message", "RequestId"], oneWay.Json.EnumerateObject().Select(p => p.Name));
        Assert.Empty(await calls.FriendIdsAsync(a));
        Assert.Equal([a], await calls.FriendIdsAsync(b));

        await calls.AddAsync(e, a);
        var twoWay = await calls.DeleteAllAsync(e, 0);
        Assert.Equal(ZimCode.Success, twoWay.Code);
        Assert.DoesNotContain(e, await calls.FriendIdsAsync(a));
        Assert.Empty(await calls.FriendIdsAsync(e));
        Assert.Equal([a], await calls.FriendIdsAsync(d));
        Assert.Equal(ZimCode.Success, (await calls.DeleteAllAsync(e, 0)).Code);
    }

    [Fact]
    public async Task DeleteAllRefusesBadParametersAndAnUnregisteredUserAndReadsABodyAsFallback()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, b);
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.GetAsync("DeleteAllFriends", $"&FromUserId={a}")).Code);
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.GetAsync("DeleteAllFriends", $"&FromUserId={a}&DeleteType=2")).Code);
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.GetAsync("DeleteAllFriends", $"&FromUserId={a}&DeleteType=x")).Code);
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.GetAsync("DeleteAllFriends", "&DeleteType=0")).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await calls.DeleteAllAsync(Json.NewId(), 0)).Code);
        Assert.Equal([b], await calls.FriendIdsAsync(a));
        var withBody = await calls.Caller.SendAsync(HttpMethod.Get, ZimCaller.Query(calls.Caller.Common("DeleteAllFriends")) + "&DeleteType=1", Json.Of(new { FromUserId = a, DeleteType = 0 }));
        Assert.Equal(ZimCode.Success, withBody.Code);
        Assert.Empty(await calls.FriendIdsAsync(a));
        Assert.Equal([a], await calls.FriendIdsAsync(b));
    }

    [Fact]
    public async Task CheckAnswersEveryRelationOfTheTableAndRepeatsAndFailsSelfAndUnknownUsers()
    {
        var ids = await calls.UsersAsync(5);
        var (a, both, mine, theirs, none) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        await calls.AddAsync(a, both, mine);
        await calls.DeleteAsync(mine, 1, a);
        await calls.AddAsync(theirs, a);
        await calls.DeleteAsync(a, 1, theirs);
        var unknown = Json.NewId();
        var twoWay = await calls.CheckAsync(a, 0, none, mine, theirs, both, both, a, unknown, "bad id");
        Assert.Equal(ZimCode.Success, twoWay.Code);
        Assert.Equal([(none, 3), (mine, 4), (theirs, 5), (both, 6), (both, 6)], FriendCalls.Successes(twoWay));
        Assert.Equal([(a, ZimCode.InvalidParameter), (unknown, ZimCode.QueryUserNotFound), ("bad id", ZimCode.InvalidParameter)], twoWay.ErrorsIn("Fails"));
        Assert.False(twoWay.Json.GetProperty("Fails")[0].TryGetProperty("Relation", out _));
        var oneWay = await calls.CheckAsync(a, 1, none, mine, theirs, both);
        Assert.Equal([(none, 1), (mine, 2), (theirs, 1), (both, 2)], FriendCalls.Successes(oneWay));
        Assert.Empty(oneWay.ErrorsIn("Fails"));
        var failed = await calls.CheckAsync(a, 1, unknown);
        Assert.Equal((ZimCode.QueryUserNotFound, 0), (failed.Code, failed.Json.GetProperty("Successes").GetArrayLength()));
    }

    [Fact]
    public async Task AliasesAreSetPerEntryWithTheContractsChecksAndAnAbsentOrEmptyAliasClears()
    {
        var ids = await calls.UsersAsync(5);
        var (a, b, c, stranger, other) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        await calls.AddAsync(a, [new { UserId = b, FriendAlias = "old" }, new { UserId = c, FriendAlias = "old" }]);
        var unknown = Json.NewId();
        var answer = await calls.AliasAsync(a, new { UserId = b, FriendAlias = "Bee" }, new { UserId = "bad id" }, new { UserId = b, FriendAlias = "again" },
            new { UserId = stranger, FriendAlias = 5 }, new { UserId = unknown, FriendAlias = new string('x', 257) }, new { UserId = a }, new { UserId = other },
            new { FriendAlias = "x" });
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([("bad id", ZimCode.InvalidParameter), (b, ZimCode.UserIdRepeated), (stranger, ZimCode.InvalidParameter), (unknown, ZimCode.FriendTextTooLong),
            (a, ZimCode.NotFriend), (other, ZimCode.NotFriend), ("", ZimCode.InvalidParameter)], answer.Errors);
        var friends = await calls.FriendsAsync(a);
        Assert.Equal("Bee", friends.Single(f => f.GetProperty("UserId").GetString() == b).GetProperty("FriendAlias").GetString());
        Assert.Equal(ZimCode.Success, (await calls.AliasAsync(a, new { UserId = b }, new { UserId = c, FriendAlias = "" })).Code);
        Assert.All(await calls.FriendsAsync(a), f => Assert.Equal("", f.GetProperty("FriendAlias").GetString()));
        Assert.Equal("", (await calls.FriendsAsync(b))[0].GetProperty("FriendAlias").GetString());
        var objects = await calls.Caller.PostAsync("UpdateFriendsAlias", Json.Of(new { FromUserId = a, UserIds = new[] { b } }));
        Assert.Equal(ZimCode.InvalidParameter, objects.Code);
    }

    [Fact]
    public async Task AttributesAreUpsertedKeyByKeyAndFailKeyNamesEachKeyNotSet()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, [new { UserId = b, Attributes = new[] { new { Key = "k0", Value = "a" }, new { Key = "k1", Value = "b" } } }]);
        var answer = await calls.Caller.PostAsync("UpdateFriendAttributes", Json.Of(new
        {
            FromUserId = a,
            UserId = b,
            Attributes = new object[] { new { Key = "k1", Value = "" }, "x", new { Key = "k7", Value = "v" }, new { Key = "k1", Value = "z" }, new { Key = "k2", Value = 5 } },
            Action = 0,
        }));
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([("", ZimCode.AttributeMalformed), ("k7", ZimCode.AttributeKeyInvalid), ("k1", ZimCode.AttributeKeyRepeated), ("k2", ZimCode.AttributeMalformed)], FriendCalls.FailKey(answer));
        var attributes = (await calls.FriendsAsync(a))[0].GetProperty("Attributes");
        Assert.Equal(["k0=a", "k1="], attributes.EnumerateArray().Select(e => e.GetProperty("Key").GetString() + "=" + e.GetProperty("Value").GetString()));
        Assert.Equal(0, (await calls.FriendsAsync(b))[0].GetProperty("Attributes").GetArrayLength());
    }

    [Fact]
    public async Task AKeyThatWouldTakeTheStoredAttributesOverTheLimitFailsAloneAndAllFailingSharesItsCode()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, [new { UserId = b, Attributes = new[] { new { Key = "k0", Value = new string('x', 600) } } }]);
        var answer = await calls.AttributesAsync(a, b, new { Key = "k1", Value = new string('y', 500) }, new { Key = "k2", Value = new string('z', 400) });
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([("k1", ZimCode.AttributesTooLong)], FriendCalls.FailKey(answer));
        var full = await calls.AttributesAsync(a, b, new { Key = "k3", Value = new string('w', 100) });
        Assert.Equal(ZimCode.AttributesTooLong, full.Code);
        Assert.Equal([("k3", ZimCode.AttributesTooLong)], FriendCalls.FailKey(full));
        var replacing = await calls.AttributesAsync(a, b, new { Key = "k0", Value = "" }, new { Key = "k1", Value = new string('y', 500) });
        Assert.Empty(FriendCalls.FailKey(replacing));
    }

    [Fact]
    public async Task WholeCallFailuresOfUpdateFriendAttributesComeInTheContractsOrder()
    {
        var (a, b, c) = await Three();
        await calls.AddAsync(a, b);
        var ok = new[] { new { Key = "k0", Value = "v" } };
        async Task Refused(int code, object body)
        {
            var answer = await calls.Caller.PostAsync("UpdateFriendAttributes", Json.Of(body));
            Assert.Equal(code, answer.Code);
            Assert.Empty(FriendCalls.FailKey(answer));
        }
        await Refused(ZimCode.InvalidParameter, new { UserId = b, Attributes = ok });
        await Refused(ZimCode.InvalidParameter, new { FromUserId = a, Attributes = ok });
        await Refused(ZimCode.InvalidParameter, new { FromUserId = a, UserId = "bad id", Attributes = ok });
        await Refused(ZimCode.InvalidParameter, new { FromUserId = a, UserId = b });
        await Refused(ZimCode.InvalidParameter, new { FromUserId = a, UserId = b, Attributes = Array.Empty<object>() });
        await Refused(ZimCode.InvalidParameter, new { FromUserId = a, UserId = b, Attributes = Enumerable.Repeat(ok[0], 6) });
        await Refused(ZimCode.InvalidParameter, new { FromUserId = a, UserId = b, Attributes = ok, Action = 1 });
        await Refused(ZimCode.InvalidParameter, new { FromUserId = a, UserId = b, Attributes = ok, action = "0" });
        await Refused(ZimCode.AttributesTooLong, new { FromUserId = Json.NewId(), UserId = b, Attributes = new[] { new { Key = "k0", Value = new string('x', 1023) } } });
        await Refused(ZimCode.FromUserNotRegistered, new { FromUserId = Json.NewId(), UserId = b, Attributes = ok });
        await Refused(ZimCode.NotFriend, new { FromUserId = a, UserId = c, Attributes = ok });
        await Refused(ZimCode.NotFriend, new { FromUserId = a, UserId = a, Attributes = ok });
        await Refused(ZimCode.NotFriend, new { FromUserId = a, UserId = Json.NewId(), Attributes = ok });
        Assert.Equal(0, (await calls.FriendsAsync(a))[0].GetProperty("Attributes").GetArrayLength());
    }

    [Fact]
    public async Task AKeyHoldingAnUnpairedSurrogateIsMalformedNotAnInternalError()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, b);
        var answer = await calls.Caller.PostAsync("UpdateFriendAttributes",
            $$"""{"FromUserId":"{{a}}","UserId":"{{b}}","Attributes":[{"Key":"k\ud800","Value":"v"},{"Key":"k1","Value":"\udfff"}]}""");
        Assert.Equal(ZimCode.AttributeMalformed, answer.Code);
        Assert.Equal([("", ZimCode.AttributeMalformed), ("k1", ZimCode.AttributeMalformed)], FriendCalls.FailKey(answer));
    }

    [Fact]
    public async Task TheBodysActionIsTheOperationAndNeverTheApiAction()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, b);
        var answer = await calls.Caller.PostAsync("UpdateFriendAttributes", $$"""{"FromUserId":"{{a}}","UserId":"{{b}}","ACTION":0,"Attributes":[{"Key":"k4","Value":"v"}],"action":0}""");
        Assert.Equal(ZimCode.Success, answer.Code);
        var other = await calls.Caller.PostAsync("AddFriends", $$"""{"FromUserId":"{{a}}","Action":"UpdateFriendAttributes","FriendInfos":[{"UserId":"{{b}}"}]}""");
        Assert.Equal([(b, ZimCode.AlreadyFriend)], other.Errors);
    }

    private async Task<(string A, string B, string C)> Three()
    {
        var ids = await calls.UsersAsync(3);
        return (ids[0], ids[1], ids[2]);
    }
}

public sealed class FriendChangesOnSqlite(ZimFactory factory) : FriendChangeTests<ZimFactory>(factory);

public sealed class FriendChangesOnPostgres(PostgresZimFactory factory) : FriendChangeTests<PostgresZimFactory>(factory);
