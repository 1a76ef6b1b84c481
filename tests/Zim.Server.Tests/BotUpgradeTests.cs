using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A database written before bots, blocklists and friends existed: its users table gains the bot flag (its
/// users are not bots) and the blocklist and friend tables appear, at start, on each store; and starting again
/// changes nothing.
/// </summary>
public abstract class BotUpgradeTests<TStore> : IDisposable
    where TStore : TestStore, new()
{
    private TStore? created;

    public void Dispose()
    {
        created?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AnOlderUsersTableGainsTheBotFlagTheBlocklistAndTheFriendTablesAndASecondStartChangesNothing()
    {
        // Made here rather than in the constructor, so that a missing PostgreSQL skips the test.
        var store = created = new TStore();
        // The users table as releases before bots left it, with one user in it.
        store.Execute($"""
            CREATE TABLE users (app_id bigint NOT NULL, user_id text NOT NULL, user_name text NOT NULL DEFAULT '',
                                user_avatar text NOT NULL DEFAULT '', extra text NOT NULL DEFAULT '',
                                created_at bigint NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (app_id, user_id));
            INSERT INTO users (app_id, user_id, created_at, updated_at) VALUES ({TestApp.A.AppId}, 'old-user', 0, 0);
            """);
        for (var start = 0; start < 2; start++)
        {
            using var factory = new ZimFactoryOnStore(store);
            var calls = new BlocklistCalls(factory.Caller(TestApp.A));
            var bot = "@RBT#" + Json.NewId()[..20];
            Assert.Equal(ZimCode.Success, (await calls.Caller.PostAsync("RobotRegister", Json.Users(bot))).Code);
            Assert.Equal(ZimCode.Success, (await calls.AddAsync("old-user", bot)).Code);
            Assert.Equal(start + 1, (await calls.QueryAsync("old-user")).Json.GetProperty("TotalCount").GetInt64());
            var friends = new FriendCalls(calls.Caller);
            Assert.Equal(ZimCode.Success, (await friends.AddAsync("old-user", bot)).Code);
            var asked = "@RBT#" + Json.NewId()[..20];
            Assert.Equal(ZimCode.Success, (await calls.Caller.PostAsync("RobotRegister", Json.Users(asked))).Code);
            Assert.Equal(ZimCode.Success, (await friends.ApplyAsync("old-user", new { UserId = asked })).Code);
            Assert.Equal(start + 1, (await friends.QueryAsync("old-user")).Json.GetProperty("TotalCount").GetInt64());
        }
        Assert.Equal(["0"], store.Strings("SELECT CAST(CAST(is_bot AS integer) AS text) FROM users WHERE user_id = 'old-user'"));
    }
}

public sealed class BotUpgradeOnSqlite : BotUpgradeTests<SqliteTestStore>;

public sealed class BotUpgradeOnPostgres : BotUpgradeTests<PostgresTestStore>;
