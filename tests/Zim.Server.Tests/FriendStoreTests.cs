using System.Net;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The friend lists' guarantees beyond one call's rows: a race on one pair has one winner, a store failure
/// changes nothing, a user's rows leave with it by every path, 3,000 friends page correctly and fill the list,
/// every action stays inside its app and has its own rate limit, and the admin API reads it all.
/// </summary>
public abstract class FriendStoreTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly FriendCalls calls = new(factory.Caller(TestApp.A));
    private readonly AdminCaller admin = factory.Admin();

    [Fact]
    public async Task ConcurrentAddsOfTheSamePairHaveOneWinnerAndTheOthersGet660800027()
    {
        for (var round = 0; round < 5; round++)
        {
            var ids = await calls.UsersAsync(2);
            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? calls.AddAsync(ids[0], ids[1]) : calls.AddAsync(ids[1], ids[0])));
            Assert.Equal(1, answers.Count(a => a.Code == ZimCode.Success));
            Assert.All(answers.Where(a => a.Code != ZimCode.Success), a =>
            {
                Assert.Equal(ZimCode.AlreadyFriend, a.Code);
                Assert.Equal(ZimCode.AlreadyFriend, a.Errors.Single().SubCode);
            });
            Assert.Equal([ids[1]], await calls.FriendIdsAsync(ids[0]));
            Assert.Equal([ids[0]], await calls.FriendIdsAsync(ids[1]));
        }
    }

    [Fact]
    public async Task ConcurrentChangesCrossingManyPairsNeitherDeadlockNorLoseAnyFriend()
    {
        var ids = await calls.UsersAsync(12);
        // Every user adds every other at once, in opposite orders: each pair ends with both directions, once.
        var answers = await Task.WhenAll(ids.Select((id, i) => calls.AddAsync(id, [.. ids.Where(other => other != id).OrderBy(o => i % 2 == 0 ? o : new string(o.Reverse().ToArray()), StringComparer.Ordinal)])));
        Assert.All(answers, a => Assert.All(a.Errors, e => Assert.Equal(ZimCode.AlreadyFriend, e.SubCode)));
        Assert.Equal(ids.Length * (ids.Length - 1) / 2, answers.Sum(a => ids.Length - 1 - a.Errors.Count));
        foreach (var id in ids)
        {
            Assert.Equal(ids.Length - 1, (await calls.QueryAsync(id)).Json.GetProperty("TotalCount").GetInt64());
        }
    }

    [Fact]
    public async Task AStoreFailureAnswers660000001AndAddsNoDirectionOfAnyEntry()
    {
        var ids = await calls.UsersAsync(2);
        var boom = "boom" + Json.NewId()[..20];
        await calls.Caller.PostAsync("UserRegister", Json.Users(boom));
        factory.Store.Execute(factory.Store.Provider == "Sqlite" ? SqliteFailure : PostgresFailure);
        try
        {
            var answer = await calls.AddAsync(ids[0], ids[1], boom);
            Assert.Equal(ZimCode.InternalError, answer.Code);
            Assert.Empty(answer.Errors);
            Assert.Equal(ZimCode.InternalError, (await calls.AddAsync(boom, ids[1])).Code);
        }
        finally
        {
            factory.Store.Execute(factory.Store.Provider == "Sqlite" ? "DROP TRIGGER fail_friend;" : "DROP TRIGGER fail_friend ON friends; DROP FUNCTION fail_friend();");
        }
        Assert.Empty(await calls.FriendIdsAsync(ids[0]));
        Assert.Empty(await calls.FriendIdsAsync(ids[1]));
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(ids[0], ids[1], boom)).Code);
    }

    // The second direction of a pair fails: both must be undone.
    private const string SqliteFailure = """
        CREATE TRIGGER fail_friend BEFORE INSERT ON friends WHEN NEW.owner_id LIKE 'boom%'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
        """;

    private const string PostgresFailure = """
        CREATE FUNCTION fail_friend() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.owner_id LIKE 'boom%' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER fail_friend BEFORE INSERT ON friends FOR EACH ROW EXECUTE FUNCTION fail_friend();
        """;

    [Fact]
    public async Task DeletingAUserRemovesItsFriendRowsBothWaysAndItsApplications()
    {
        var ids = await calls.UsersAsync(4);
        var (a, gone, c, d) = (ids[0], ids[1], ids[2], ids[3]);
        await calls.AddAsync(a, gone, c);
        await calls.AddAsync(gone, d);
        await calls.ApplyAsync(gone, new { UserId = c });
        await calls.ApplyAsync(d, new { UserId = a });
        await calls.DeleteAsync(d, 1, gone);
        await calls.ApplyAsync(d, new { UserId = gone });
        Assert.Equal(1, (await admin.PostAsync(AdminCaller.Apps(TestApp.A, "/users/delete"), Json.Ids(gone))).Json.GetProperty("Count").GetInt32());
        Assert.Equal([c], await calls.FriendIdsAsync(a));
        Assert.Empty(await calls.FriendIdsAsync(d));
        Assert.Equal("0", Rows("friends", $"owner_id = '{gone}' OR friend_id = '{gone}'"));
        Assert.Equal("0", Rows("friend_applications", $"from_id = '{gone}' OR to_id = '{gone}'"));
        Assert.Equal("1", Rows("friend_applications", $"from_id = '{d}'"));
        await calls.Caller.PostAsync("UserRegister", Json.Users(gone));
        Assert.Empty(await calls.FriendIdsAsync(gone));
    }

    [Fact]
    public async Task ResettingAnAppsUsersOrTheServerOrDeletingTheAppRemovesItsFriendsAndApplications()
    {
        foreach (var path in new[] { "users", "reset", "app" })
        {
            var app = await admin.CreateAppAsync();
            var other = new FriendCalls(factory.Caller(app));
            var ids = await other.UsersAsync(3);
            Assert.Equal(ZimCode.Success, (await other.AddAsync(ids[0], ids[1])).Code);
            Assert.Equal(ZimCode.Success, (await other.ApplyAsync(ids[0], new { UserId = ids[2] })).Code);
            var kept = await calls.UsersAsync(2);
            await calls.AddAsync(kept[0], kept[1]);
            var done = path switch
            {
                "users" => await admin.DeleteAsync(AdminCaller.Apps(app, "/users")),
                "reset" => await admin.PostAsync("/admin/api/reset"),
                _ => await admin.DeleteAsync(AdminCaller.Apps(app)),
            };
            Assert.True(done.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, done.Raw);
            Assert.Equal("0", Rows("friends", $"app_id = {app.AppId}"));
            Assert.Equal("0", Rows("friend_applications", $"app_id = {app.AppId}"));
            Assert.Equal(path == "reset" ? "0" : "1", Rows("friends", $"app_id = {TestApp.A.AppId} AND owner_id = '{kept[0]}'"));
        }
    }

    [Fact]
    public async Task ThreeThousandFriendsPageWithoutGapsOrRepeatsAndTheNextOneFindsTheListFull()
    {
        var ids = await calls.UsersAsync(3002);
        var owner = ids[0];
        var start = factory.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 10_000;
        // Times: every pair of neighbours shares one, so that the order needs its UserId tie-break too.
        foreach (var chunk in ids[1..3001].Select((id, i) => (id, i)).Chunk(20))
        {
            var answer = await calls.AddAsync(owner, [.. chunk.Select(e => (object)new { UserId = e.id, FriendTime = start + e.i / 2 })]);
            Assert.Equal(ZimCode.Success, answer.Code);
            Assert.Empty(answer.Errors);
        }
        var full = await calls.AddAsync(owner, ids[3001], ids[1]);
        Assert.Equal(ZimCode.InvalidParameter, full.Code);
        Assert.Equal([(ids[3001], ZimCode.FriendLimitReached), (ids[1], ZimCode.AlreadyFriend)], full.Errors);
        Assert.Equal(ZimCode.FriendLimitReached, (await calls.AddAsync(ids[3001], owner)).Errors.Single().SubCode);

        var seen = new List<string>();
        var next = 0L;
        do
        {
            var page = await calls.QueryAsync(owner, $"&Limit=100&Next={next}");
            Assert.Equal(3000, page.Json.GetProperty("TotalCount").GetInt64());
            seen.AddRange(page.Json.GetProperty("FriendInfos").EnumerateArray().Select(f => f.GetProperty("UserId").GetString()!));
            next = page.Json.GetProperty("Next").GetInt64();
        }
        while (next != 0);
        var expected = ids[1..3001].Select((id, i) => (id, time: start + i / 2)).OrderByDescending(e => e.time).ThenBy(e => e.id, StringComparer.Ordinal).Select(e => e.id);
        Assert.Equal(expected, seen);

        await calls.DeleteAsync(owner, 0, ids[1]);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(owner, ids[3001])).Code);
    }

    [Fact]
    public async Task EveryFriendActionStaysInsideItsApp()
    {
        var ids = await calls.UsersAsync(2);
        var (a, b) = (ids[0], ids[1]);
        await calls.AddAsync(a, b);
        var inB = new FriendCalls(factory.Caller(TestApp.B));
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.AddAsync(a, b)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.ApplyAsync(a, new { UserId = b })).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.DeleteAsync(a, 0, b)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.DeleteAllAsync(a, 0)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.QueryAsync(a)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.CheckAsync(a, 0, b)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.AliasAsync(a, new { UserId = b, FriendAlias = "x" })).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.AttributesAsync(a, b, new { Key = "k0", Value = "x" })).Code);

        await inB.Caller.PostAsync("UserRegister", Json.Users(a, b));
        Assert.Empty(await inB.FriendIdsAsync(a));
        Assert.Equal([(b, 3)], FriendCalls.Successes(await inB.CheckAsync(a, 0, b)));
        Assert.Equal([(b, ZimCode.NotFriend)], (await inB.DeleteAsync(a, 0, b)).Errors);
        Assert.Equal([(b, ZimCode.NotFriend)], (await inB.AliasAsync(a, new { UserId = b })).Errors);
        Assert.Equal(ZimCode.NotFriend, (await inB.AttributesAsync(a, b, new { Key = "k0", Value = "x" })).Code);
        Assert.Equal(ZimCode.Success, (await inB.DeleteAllAsync(a, 0)).Code);
        Assert.Equal(ZimCode.Success, (await inB.ApplyAsync(a, new { UserId = b })).Code);
        Assert.Equal(ZimCode.Success, (await inB.AddAsync(a, b)).Code);
        Assert.Equal(ZimCode.Success, (await inB.DeleteAllAsync(a, 0)).Code);
        Assert.Equal([b], await calls.FriendIdsAsync(a));
        Assert.Equal([a], await calls.FriendIdsAsync(b));
        Assert.Empty((await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{a}/applications"))).Json.GetProperty("Sent").EnumerateArray());
    }

    [Theory]
    [InlineData("AddFriends")]
    [InlineData("SendFriendApplication")]
    [InlineData("DeleteFriends")]
    [InlineData("DeleteAllFriends")]
    [InlineData("QueryFriendList")]
    [InlineData("CheckFriendsRelation")]
    [InlineData("UpdateFriendsAlias")]
    [InlineData("UpdateFriendAttributes")]
    public async Task EachFriendActionHasItsOwnRateLimitAnswering660300005(string action)
    {
        var limited = factory.Caller(TestApp.Limited);
        factory.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 1));
        Task<ZimAnswer> Call() => action switch
        {
            "DeleteAllFriends" => limited.GetAsync(action, "&FromUserId=x&DeleteType=0"),
            "QueryFriendList" => limited.GetAsync(action, "&FromUserId=x"),
            "AddFriends" or "SendFriendApplication" => limited.PostAsync(action, Json.Of(new { FromUserId = "x", FriendInfos = new[] { new { UserId = "y" } } })),
            "UpdateFriendsAlias" => limited.PostAsync(action, Json.Of(new { FromUserId = "x", UserIds = new[] { new { UserId = "y" } } })),
            "UpdateFriendAttributes" => limited.PostAsync(action, Json.Of(new { FromUserId = "x", UserId = "y", Attributes = new[] { new { Key = "k0", Value = "v" } } })),
            _ => limited.PostAsync(action, Json.Of(new { FromUserId = "x", UserIds = new[] { "y" }, DeleteType = 0, CheckType = 0 })),
        };
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            Assert.Equal(ZimCode.FromUserNotRegistered, (await Call()).Code);
        }
        var refused = await Call();
        Assert.Equal(ZimCode.QueryRateLimited, refused.Code);
        Assert.Contains(action, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminApiReadsFriendsAndBlocklistsByPageAndAnswers404ForUnknownAppsAndUsers()
    {
        var ids = await calls.UsersAsync(4);
        await calls.AddAsync(ids[0], ids[1], ids[2], ids[3]);
        await calls.Caller.PostAsync("AddUsersToBlacklist", Json.Of(new { FromUserId = ids[0], UserIds = ids[1..] }));
        await calls.Caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = ids[1], UserName = "Ann" } } }));
        var first = await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{ids[0]}/friends?limit=2"));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((3, 2), (first.Json.GetProperty("TotalCount").GetInt64(), first.Json.GetProperty("Next").GetInt64()));
        var rest = await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{ids[0]}/friends?limit=2&next=2"));
        Assert.Equal(0, rest.Json.GetProperty("Next").GetInt64());
        var friends = first.Json.GetProperty("Friends").EnumerateArray().Concat(rest.Json.GetProperty("Friends").EnumerateArray()).ToList();
        Assert.Equal(ids[1..].Order(StringComparer.Ordinal), friends.Select(f => f.GetProperty("UserId").GetString()));
        Assert.Equal("Ann", friends.Single(f => f.GetProperty("UserId").GetString() == ids[1]).GetProperty("UserName").GetString());
        Assert.Equal(["UserId", "UserName", "Avatar", "Wording", "FriendAlias", "CreateTime", "Attributes"], friends[0].EnumerateObject().Select(p => p.Name));
        var blocked = await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{ids[0]}/blocklist"));
        Assert.Equal((3, 0, 3), (blocked.Json.GetProperty("TotalCount").GetInt64(), blocked.Json.GetProperty("Next").GetInt64(), blocked.Json.GetProperty("Blacklist").GetArrayLength()));

        foreach (var path in new[] { "friends", "applications", "blocklist" })
        {
            var noUser = await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{Json.NewId()}/{path}"));
            Assert.Equal(HttpStatusCode.NotFound, noUser.Status);
            Assert.Contains("No user", noUser.Error, StringComparison.Ordinal);
            var noApp = await admin.GetAsync($"/admin/api/apps/4242/users/{ids[0]}/{path}");
            Assert.Equal(HttpStatusCode.NotFound, noApp.Status);
            Assert.Contains("No app", noApp.Error, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(AdminCaller.Apps(TestApp.A, $"/users/{ids[0]}/friends?limit=-1"))).Status);
    }

    private string Rows(string table, string where) => factory.Store.Strings($"SELECT CAST(count(*) AS text) FROM {table} WHERE {where}").Single();
}

public sealed class FriendStoreOnSqlite(ZimFactory factory) : FriendStoreTests<ZimFactory>(factory);

public sealed class FriendStoreOnPostgres(PostgresZimFactory factory) : FriendStoreTests<PostgresZimFactory>(factory);
