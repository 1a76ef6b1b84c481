using StackExchange.Redis;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// With Redis, a reset deletes the used nonces and rate windows that every instance sharing the key prefix reads,
/// and only keys under that prefix.
/// </summary>
public sealed class ResetWithRedisTests
{
    private sealed class RedisZimFactory(string redis, string prefix) : ZimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("Redis:Configuration", redis), new("Redis:KeyPrefix", prefix)];
    }

    private static readonly string Redis = TestServices.Redis ?? "";

    private readonly string prefix = $"zim-test-{Guid.NewGuid():N}:";

    private static async Task<List<string>> KeysAsync(IConnectionMultiplexer redis, string pattern) =>
        await redis.GetServers()[0].KeysAsync(pattern: pattern).Select(key => key.ToString()).ToListAsync();

    [Fact]
    public async Task ResetDeletesTheUsedNoncesInRedisSoTheyMayBeUsedAgain()
    {
        TestServices.Require(TestServices.Redis, "ZIM_TEST_REDIS");
        using var factory = new RedisZimFactory(Redis, prefix);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var caller = factory.Caller(TestApp.A);
        var query = ZimCaller.Query(caller.Common("QueryUserInfos"));
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.SendAsync(HttpMethod.Post, query, Json.Ids("x"))).Code);
        Assert.Equal(ZimCode.SignatureInvalid, (await caller.SendAsync(HttpMethod.Post, query, Json.Ids("x"))).Code);
        Assert.NotEmpty(await KeysAsync(redis, prefix + "nonce:*"));

        await factory.Admin().PostAsync("/admin/api/reset");
        var left = await KeysAsync(redis, prefix + "*");

        Assert.Empty(left);
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.SendAsync(HttpMethod.Post, query, Json.Ids("x"))).Code);
    }

    [Fact]
    public async Task ResetDeletesTheRateWindowsInRedisAndNoKeyOutsideThePrefix()
    {
        TestServices.Require(TestServices.Redis, "ZIM_TEST_REDIS");
        // A prefix that is a glob pattern as it stands: unescaped, "[...]" would match another deployment's keys, not its own.
        var id = Guid.NewGuid().ToString("N");
        var globby = $"zim-test-[{id}]*:";
        using var factory = new RedisZimFactory(Redis, globby);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var others = new[] { $"zim-test-{id[0]}:rate:1", $"other-{globby}rate:1", $"zim-test-[{id}]-rate:1" };
        foreach (var key in others)
        {
            await redis.GetDatabase().StringSetAsync(key, 1, TimeSpan.FromMinutes(1));
        }
        var limited = factory.Caller(TestApp.Limited);
        for (var i = 0; i <= TestApp.Limited.QpsLimit; i++)
        {
            await limited.PostAsync("QueryUserInfos", Json.Ids("x"));
        }
        Assert.Contains(await KeysAsync(redis, $"*{id}*"), key => key.StartsWith(globby + "rate:", StringComparison.Ordinal));

        await factory.Admin().PostAsync("/admin/api/reset");
        var left = await KeysAsync(redis, $"*{id}*");

        Assert.DoesNotContain(left, key => key.StartsWith(globby, StringComparison.Ordinal));
        Assert.Equal(others.Skip(1).Order(), left.Order());
        Assert.True(await redis.GetDatabase().KeyExistsAsync(others[0]));
        // Redis counts by its own clock, so a window may also have turned meanwhile; the keys above show the reset.
        Assert.Equal(ZimCode.QueryUserNotFound, (await limited.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        await redis.GetDatabase().KeyDeleteAsync([.. others.Select(key => (RedisKey)key)]);
    }
}
