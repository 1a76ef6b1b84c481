using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The friend limits as operator settings (<c>Api__FriendsMax</c>, <c>Api__FriendBatchMax</c>,
/// <c>Api__FriendAttributesMaxBytes</c>, <c>Api__FriendApplicationDays</c>), on a server with small ones; and
/// QueryFriendList's parameters.
/// </summary>
public abstract class FriendLimitTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly FriendCalls calls = new(factory.Caller(TestApp.A));

    [Fact]
    public async Task ATargetWithAFullListIsRefusedWhenItWouldGainTheCallerButNotWhenItHasItAlready()
    {
        var ids = await calls.UsersAsync(5);
        var (a, full, x, y, z) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(full, x, y, z)).Code);
        var refused = await calls.AddAsync(a, full);
        Assert.Equal((ZimCode.FriendLimitReached, (full, ZimCode.FriendLimitReached)), (refused.Code, refused.Errors.Single()));
        Assert.Empty(await calls.FriendIdsAsync(a));
        // x drops full one-way; full still has x, so x may add full back although full's list is full.
        await calls.DeleteAsync(x, 1, full);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(x, full)).Code);
        Assert.Equal(3, (await calls.QueryAsync(full)).Json.GetProperty("TotalCount").GetInt64());
        // The shortcut of an application counts the target's limit as well (section 5).
        await calls.DeleteAsync(x, 1, full);
        var shortcut = await calls.ApplyAsync(x, new { UserId = full });
        Assert.Equal([(full, ZimCode.FriendLimitReached)], shortcut.Errors);
    }

    [Fact]
    public async Task ConcurrentAddsNeverPassTheLimitOfTheCallerOrOfTheTarget()
    {
        var ids = await calls.UsersAsync(9);
        await Task.WhenAll(ids[1..].Select(id => calls.AddAsync(ids[0], id)).Concat(ids[1..].Select(id => calls.AddAsync(id, ids[0]))));
        Assert.Equal(3, (await calls.QueryAsync(ids[0])).Json.GetProperty("TotalCount").GetInt64());
        var friendsOfZero = 0;
        foreach (var id in ids[1..])
        {
            friendsOfZero += (await calls.FriendIdsAsync(id)).Length;
        }
        Assert.Equal(3, friendsOfZero);
    }

    [Fact]
    public async Task TheBatchTheAttributeBytesAndTheValidityAreTheOperatorsSettings()
    {
        var ids = await calls.UsersAsync(3);
        var four = await calls.AddAsync(ids[0], "n1", "n2", "n3", "n4", "n5");
        Assert.Equal((ZimCode.FriendBatchTooLong, "FriendInfos holds 5 entries; the limit is 4."), (four.Code, four.Message));
        var bytes = await calls.AddAsync(ids[0], [new { UserId = ids[1], Attributes = new[] { new { Key = "k0", Value = new string('x', 19) } } }]);
        Assert.Equal([(ids[1], ZimCode.AttributesTooLong)], bytes.Errors);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(ids[0], [new { UserId = ids[1], Attributes = new[] { new { Key = "k0", Value = new string('x', 18) } } }])).Code);
        await calls.ApplyAsync(ids[0], new { UserId = ids[2] });
        var sent = (await factory.Admin().GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{ids[0]}/applications"))).Json.GetProperty("Sent")[0];
        Assert.Equal(TimeSpan.FromDays(2).TotalMilliseconds, sent.GetProperty("ExpireTime").GetInt64() - sent.GetProperty("UpdateTime").GetInt64());
    }

    [Theory]
    [InlineData("AddFriends", "GET", "POST")]
    [InlineData("UpdateFriendAttributes", "GET", "POST")]
    [InlineData("QueryFriendList", "POST", "GET")]
    [InlineData("DeleteAllFriends", "POST", "GET")]
    public async Task TheWrongMethodAnswers660000002NamingTheRightOne(string action, string wrong, string right)
    {
        var answer = await calls.Caller.SendAsync(new HttpMethod(wrong), ZimCaller.Query(calls.Caller.Common(action)), wrong == "POST" ? "{}" : null);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Contains(right, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryFriendListTakesLimitAndNextFromTheQueryOrTheBodyAndRefusesBadOnes()
    {
        var ids = await calls.UsersAsync(4);
        await calls.AddAsync(ids[0], ids[1..]);
        var first = await calls.QueryAsync(ids[0], "&Limit=2&Next=");
        Assert.Equal((3, 2, 2), (first.Json.GetProperty("TotalCount").GetInt64(), first.Json.GetProperty("Next").GetInt64(), first.Json.GetProperty("FriendInfos").GetArrayLength()));
        var last = await calls.QueryAsync(ids[0], "&Limit=2&Next=2");
        Assert.Equal((0, 1), (last.Json.GetProperty("Next").GetInt64(), last.Json.GetProperty("FriendInfos").GetArrayLength()));
        var past = await calls.QueryAsync(ids[0], "&Next=50");
        Assert.Equal((ZimCode.Success, 0L, 0), (past.Code, past.Json.GetProperty("Next").GetInt64(), past.Json.GetProperty("FriendInfos").GetArrayLength()));
        Assert.Equal(3, (await calls.QueryAsync(ids[0], "&Limit=0")).Json.GetProperty("FriendInfos").GetArrayLength());
        Assert.Equal(3, (await calls.QueryAsync(ids[0], "&Limit=1000")).Json.GetProperty("FriendInfos").GetArrayLength());
        foreach (var bad in new[] { "&Limit=-1", "&Limit=x", "&Next=-1", "&Next=1.5" })
        {
            Assert.Equal(ZimCode.InvalidParameter, (await calls.QueryAsync(ids[0], bad)).Code);
        }
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.GetAsync("QueryFriendList")).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await calls.QueryAsync(Json.NewId())).Code);
        var query = ZimCaller.Query(calls.Caller.Common("QueryFriendList"));
        var body = await calls.Caller.SendAsync(HttpMethod.Get, query + "&Limit=1", Json.Of(new { FromUserId = ids[0], Limit = 2, Next = 1 }));
        Assert.Equal((ZimCode.Success, 2L, 1), (body.Code, body.Json.GetProperty("Next").GetInt64(), body.Json.GetProperty("FriendInfos").GetArrayLength()));
    }
}

/// <summary>Settings small enough to reach in a test.</summary>
internal static class SmallFriendLimits
{
    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Api:FriendsMax", "3"), new("Api:FriendBatchMax", "4"), new("Api:FriendAttributesMaxBytes", "20"), new("Api:FriendApplicationDays", "2")];
}

public sealed class SmallFriendLimitsOnSqlite : ZimFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => SmallFriendLimits.Settings;
}

public sealed class SmallFriendLimitsOnPostgres : PostgresZimFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => SmallFriendLimits.Settings;
}

public sealed class FriendLimitsOnSqlite(SmallFriendLimitsOnSqlite factory) : FriendLimitTests<SmallFriendLimitsOnSqlite>(factory);

public sealed class FriendLimitsOnPostgres(SmallFriendLimitsOnPostgres factory) : FriendLimitTests<SmallFriendLimitsOnPostgres>(factory);
