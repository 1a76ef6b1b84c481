using System.Net;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// An app's own limits, as the real service raises them for one app on request: set in the admin API, they apply to that
/// app's next call only, and an app that sets none runs under the server's.
/// </summary>
public abstract class AppLimitsTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly AdminCaller admin = factory.Admin();

    [Fact]
    public async Task AnAppsOwnBatchAndListLimitsApplyToItAloneAndLeavingThemOutRestoresTheServers()
    {
        var raised = await admin.CreateAppAsync();
        var other = await admin.CreateAppAsync();
        var set = await admin.PatchAsync(AdminCaller.Apps(raised), """{"Limits":{"BlocklistBatchMax":3,"BlockedUsersMax":4}}""");
        Assert.Equal(HttpStatusCode.OK, set.Status);
        var effective = set.Json.GetProperty("Limits").GetProperty("Effective");
        Assert.Equal((3, 4, ZimLimits.DefaultRobotBatch), (effective.GetProperty("BlocklistBatchMax").GetInt32(),
            effective.GetProperty("BlockedUsersMax").GetInt32(), effective.GetProperty("RobotRegisterBatchMax").GetInt32()));
        Assert.Equal(JsonValueKind.Null, set.Json.GetProperty("Limits").GetProperty("Own").GetProperty("RobotRegisterBatchMax").ValueKind);

        var calls = new BlocklistCalls(factory.Caller(raised));
        var owner = await calls.UserAsync();
        var targets = await calls.UsersAsync(5);
        Assert.Equal(ZimCode.BlocklistBatchTooLong, (await calls.AddAsync(owner, targets[..4])).Code);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(owner, targets[..3])).Code);
        var full = await calls.AddAsync(owner, targets[3..5]);
        Assert.Equal([(targets[4], ZimCode.BlocklistFull)], full.ErrorsIn("ErrList"));
        Assert.Contains("4 users", full.Json.GetProperty("ErrList")[0].GetProperty("SubMessage").GetString(), StringComparison.Ordinal);

        // The other app, and this one once its own limits are left out, run under the server's defaults.
        var others = new BlocklistCalls(factory.Caller(other));
        var otherOwner = await others.UserAsync();
        Assert.Equal(ZimCode.Success, (await others.AddAsync(otherOwner, await others.UsersAsync(ZimLimits.DefaultBlocklistBatch))).Code);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync(AdminCaller.Apps(raised), """{"Limits":{}}""")).Status);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(owner, targets[4])).Code);
        var shown = await admin.GetAsync(AdminCaller.Apps(raised));
        Assert.Equal(ZimLimits.DefaultBlockedUsersMax, shown.Json.GetProperty("Limits").GetProperty("Effective").GetProperty("BlockedUsersMax").GetInt32());
    }

    [Fact]
    public async Task ARobotRegisterBatchLimitOfTheAppsOwnIsKeptAcrossARename()
    {
        var app = await admin.CreateAppAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync(AdminCaller.Apps(app), """{"Limits":{"RobotRegisterBatchMax":2}}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync(AdminCaller.Apps(app), """{"Name":"renamed"}""")).Status);

        var bots = Json.Of(new { UserInfo = new[] { new { UserId = "@RBT#a" }, new { UserId = "@RBT#b" }, new { UserId = "@RBT#c" } } });
        var answer = await factory.Caller(app).PostAsync("RobotRegister", bots);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Contains("2", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppsOwnFriendLimitsApplyToItsFriendActions()
    {
        var app = await admin.CreateAppAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsync(AdminCaller.Apps(app), """{"Limits":{"FriendBatchMax":2,"FriendsMax":3}}""")).Status);
        var friends = new FriendCalls(factory.Caller(app));
        var users = await friends.UsersAsync(6);

        Assert.Equal(ZimCode.FriendBatchTooLong, (await friends.AddAsync(users[0], users[1..4])).Code);
        Assert.Equal(ZimCode.Success, (await friends.AddAsync(users[0], users[1..3])).Code);
        Assert.Equal(ZimCode.Success, (await friends.AddAsync(users[0], users[3])).Code);
        var full = await friends.AddAsync(users[0], users[4]);
        Assert.Equal([(users[4], ZimCode.FriendLimitReached)], full.Errors);
    }

    [Theory]
    [InlineData("""{"Limits":{"BlockedUsersMax":0}}""", "BlockedUsersMax must be 1 to 1000000")]
    [InlineData("""{"Limits":{"BlocklistBatchMax":1001}}""", "BlocklistBatchMax must be 1 to 1000")]
    [InlineData("""{"Limits":{"BlocklistBatchMax":"many"}}""", "")]
    public async Task ALimitOutOfItsRangeIsRefusedAndNothingChanges(string body, string why)
    {
        var app = await admin.CreateAppAsync();
        var refused = await admin.PatchAsync(AdminCaller.Apps(app), body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(why, refused.Error, StringComparison.Ordinal);
        var own = (await admin.GetAsync(AdminCaller.Apps(app))).Json.GetProperty("Limits").GetProperty("Own");
        Assert.All(own.EnumerateObject(), limit => Assert.Equal(JsonValueKind.Null, limit.Value.ValueKind));
    }
}

public sealed class AppLimitsOnSqlite(ZimFactory factory) : AppLimitsTests<ZimFactory>(factory);

public sealed class AppLimitsOnPostgres(PostgresZimFactory factory) : AppLimitsTests<PostgresZimFactory>(factory);
