using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The blocklist's guarantees beyond one call's rows: a race on one pair has one winner, a store failure
/// changes nothing, a user's rows leave with it by every path, 1,000 blocked users page correctly and fill the
/// list, every action stays inside its app, and each has its own rate limit.
/// </summary>
public abstract class BlocklistStoreTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly BlocklistCalls calls = new(factory.Caller(TestApp.A));
    private readonly AdminCaller admin = factory.Admin();

    [Fact]
    public async Task ConcurrentAddsOfTheSamePairHaveOneWinnerAndTheOthersGet660800037()
    {
        for (var round = 0; round < 5; round++)
        {
            var ids = await calls.UsersAsync(2);
            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => calls.AddAsync(ids[0], ids[1])));
            Assert.Equal(1, answers.Count(a => a.Code == ZimCode.Success));
            Assert.All(answers.Where(a => a.Code != ZimCode.Success), a =>
            {
                Assert.Equal(ZimCode.BlockingFailed, a.Code);
                Assert.Equal([(ids[1], ZimCode.AlreadyBlocked)], a.ErrorsIn("ErrList"));
            });
            Assert.Equal([ids[1]], await calls.BlockedAsync(ids[0]));
        }
    }

    [Fact]
    public async Task ConcurrentAddsByOneOwnerNeverPassTheLimitTogether()
    {
        var ids = await calls.UsersAsync(61);
        var (owner, targets) = (ids[0], ids[1..]);
        await Task.WhenAll(targets.Chunk(20).Select(chunk => calls.AddAsync(owner, chunk)));
        Assert.Equal(60, (await calls.QueryAsync(owner)).Json.GetProperty("TotalCount").GetInt64());
    }

    [Fact]
    public async Task AStoreFailureAnswers660000001AndBlocksNoneOfTheRequest()
    {
        var ids = await calls.UsersAsync(2);
        var boom = "boom" + Json.NewId()[..20];
        await calls.Caller.PostAsync("UserRegister", Json.Users(boom));
        factory.Store.Execute(factory.Store.Provider == "Sqlite" ? SqliteFailure : PostgresFailure);
        try
        {
            var answer = await calls.AddAsync(ids[0], ids[1], boom);
            Assert.Equal(ZimCode.InternalError, answer.Code);
            Assert.Empty(answer.ErrorsIn("ErrList"));
        }
        finally
        {
            factory.Store.Execute(factory.Store.Provider == "Sqlite" ? "DROP TRIGGER fail_block;" : "DROP TRIGGER fail_block ON blocklist; DROP FUNCTION fail_block();");
        }
        Assert.Empty(await calls.BlockedAsync(ids[0]));
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(ids[0], ids[1], boom)).Code);
    }

    private const string SqliteFailure = """
        CREATE TRIGGER fail_block BEFORE INSERT ON blocklist WHEN NEW.blocked_id LIKE 'boom%'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
        """;

    private const string PostgresFailure = """
        CREATE FUNCTION fail_block() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.blocked_id LIKE 'boom%' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER fail_block BEFORE INSERT ON blocklist FOR EACH ROW EXECUTE FUNCTION fail_block();
        """;

    [Fact]
    public async Task DeletingAUserRemovesTheRowsThatNameItEitherWay()
    {
        var ids = await calls.UsersAsync(3);
        var (a, gone, c) = (ids[0], ids[1], ids[2]);
        await calls.AddAsync(a, gone, c);
        await calls.AddAsync(gone, a, c);
        Assert.Equal(1, (await admin.PostAsync(AdminCaller.Apps(TestApp.A, "/users/delete"), Json.Ids(gone))).Json.GetProperty("Count").GetInt32());
        Assert.Equal([c], await calls.BlockedAsync(a));
        Assert.Equal("0", Rows($"owner_id = '{gone}' OR blocked_id = '{gone}'"));
        await calls.Caller.PostAsync("UserRegister", Json.Users(gone));
        Assert.Empty(await calls.BlockedAsync(gone));
    }

    [Fact]
    public async Task ResettingAnAppsUsersOrTheServerOrDeletingTheAppRemovesItsBlocklists()
    {
        foreach (var path in new[] { "users", "reset", "app" })
        {
            var app = await admin.CreateAppAsync();
            var other = new BlocklistCalls(factory.Caller(app));
            var ids = await other.UsersAsync(3);
            Assert.Equal(ZimCode.Success, (await other.AddAsync(ids[0], ids[1], ids[2])).Code);
            var kept = await calls.UsersAsync(2);
            await calls.AddAsync(kept[0], kept[1]);
            var done = path switch
            {
                "users" => await admin.DeleteAsync(AdminCaller.Apps(app, "/users")),
                "reset" => await admin.PostAsync("/admin/api/reset"),
                _ => await admin.DeleteAsync(AdminCaller.Apps(app)),
            };
            Assert.True(done.Status is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.NoContent, done.Raw);
            Assert.Equal("0", Rows($"app_id = {app.AppId}"));
            Assert.Equal(path == "reset" ? "0" : "1", Rows($"app_id = {TestApp.A.AppId} AND owner_id = '{kept[0]}'"));
        }
    }

    [Fact]
    public async Task AThousandBlockedUsersPageCorrectlyAndTheThousandAndFirstFindsTheListFull()
    {
        var ids = await calls.UsersAsync(1002);
        var owner = ids[0];
        foreach (var chunk in ids[1..1001].Chunk(20))
        {
            Assert.Equal(ZimCode.Success, (await calls.AddAsync(owner, chunk)).Code);
            factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        var full = await calls.AddAsync(owner, ids[1001], ids[1]);
        Assert.Equal(ZimCode.BlockingFailed, full.Code);
        Assert.Equal([(ids[1001], ZimCode.BlocklistFull), (ids[1], ZimCode.AlreadyBlocked)], full.ErrorsIn("ErrList"));

        var seen = new List<string>();
        var next = 0L;
        do
        {
            var page = await calls.QueryAsync(owner, $"&Limit=100&Next={next}");
            Assert.Equal(1000, page.Json.GetProperty("TotalCount").GetInt64());
            seen.AddRange(BlocklistCalls.Blocked(page));
            next = page.Json.GetProperty("Next").GetInt64();
        }
        while (next != 0);
        // Fifty blocks of twenty, each a millisecond after the one before: newest block first, each in UserId order.
        var expected = ids[1..1001].Chunk(20).Reverse().SelectMany(chunk => chunk.Order(StringComparer.Ordinal));
        Assert.Equal(expected, seen);

        await calls.RemoveAsync(owner, ids[1]);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(owner, ids[1001])).Code);
    }

    [Fact]
    public async Task EveryBlocklistActionAndRobotRegisterStayInsideTheirApp()
    {
        var ids = await calls.UsersAsync(2);
        var (a, b) = (ids[0], ids[1]);
        await calls.AddAsync(a, b);
        var inB = new BlocklistCalls(factory.Caller(TestApp.B));
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.AddAsync(a, b)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.RemoveAsync(a, b)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.CheckAsync(a, b)).Code);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await inB.QueryAsync(a)).Code);

        await inB.Caller.PostAsync("UserRegister", Json.Users(a, b));
        Assert.Empty(await inB.BlockedAsync(a));
        Assert.Equal([(b, 0)], BlocklistCalls.Succ(await inB.CheckAsync(a, b)));
        Assert.Equal([(b, ZimCode.NotBlocked)], (await inB.RemoveAsync(a, b)).ErrorsIn("ErrList"));
        Assert.Equal(ZimCode.Success, (await inB.AddAsync(a, b)).Code);
        Assert.Equal(ZimCode.Success, (await inB.RemoveAsync(a, b)).Code);
        Assert.Equal([b], await calls.BlockedAsync(a));

        var bot = "@RBT#" + Json.NewId()[..20];
        Assert.Equal(ZimCode.Success, (await calls.Caller.PostAsync("RobotRegister", Json.Users(bot))).Code);
        Assert.Equal(ZimCode.Success, (await inB.Caller.PostAsync("RobotRegister", Json.Users(bot))).Code);
    }

    [Theory]
    [InlineData("AddUsersToBlacklist", ZimCode.QueryRateLimited)]
    [InlineData("RemoveUsersFromBlacklist", ZimCode.QueryRateLimited)]
    [InlineData("QueryBlacklist", ZimCode.QueryRateLimited)]
    [InlineData("CheckUsersIsInBlacklist", ZimCode.QueryRateLimited)]
    [InlineData("RobotRegister", ZimCode.RegisterRateLimited)]
    public async Task EachActionHasItsOwnRateLimitAndCode(string action, int code)
    {
        var limited = factory.Caller(TestApp.Limited);
        factory.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 1));
        Task<ZimAnswer> Call() => action switch
        {
            "QueryBlacklist" => limited.GetAsync(action, "&FromUserId=x"),
            "RobotRegister" => limited.PostAsync(action, Json.Users("@RBT#" + Json.NewId()[..20])),
            _ => limited.PostAsync(action, Json.Of(new { FromUserId = "x", UserIds = new[] { "y" } })),
        };
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            Assert.NotEqual(code, (await Call()).Code);
        }
        var refused = await Call();
        Assert.Equal(code, refused.Code);
        Assert.Contains(action, refused.Message, StringComparison.Ordinal);
    }

    private string Rows(string where) => factory.Store.Strings($"SELECT CAST(count(*) AS text) FROM blocklist WHERE {where}").Single();
}

public sealed class BlocklistStoreOnSqlite(ZimFactory factory) : BlocklistStoreTests<ZimFactory>(factory);

public sealed class BlocklistStoreOnPostgres(PostgresZimFactory factory) : BlocklistStoreTests<PostgresZimFactory>(factory);
