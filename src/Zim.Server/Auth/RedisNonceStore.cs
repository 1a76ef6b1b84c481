using StackExchange.Redis;
using Zim.Server.Redis;

namespace Zim.Server.Auth;

/// <summary>
/// Used nonces in Redis, so that a nonce used on one instance is refused on every other. Each key
/// expires when its Timestamp can no longer pass the window check. Falls back to per-instance memory
/// while Redis is unreachable.
/// </summary>
internal sealed class RedisNonceStore(RedisConnection redis, MemoryNonceStore fallback, TimeProvider clock) : INonceStore
{
    public async ValueTask<bool> TryUseAsync(uint appId, string nonce, DateTimeOffset expiresAt)
    {
        if (redis.Database is { } database)
        {
            try
            {
                var ttl = expiresAt - clock.GetUtcNow();
                var added = await database.StringSetAsync(Key(appId, nonce), 1, ttl > TimeSpan.Zero ? ttl : TimeSpan.FromSeconds(1), When.NotExists);
                redis.Succeeded();
                return added;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                redis.Fail(e);
            }
        }
        return fallback.TryUse(appId, nonce, expiresAt);
    }

    public async ValueTask ReleaseAsync(uint appId, string nonce)
    {
        await fallback.ReleaseAsync(appId, nonce);
        if (redis.Database is { } database)
        {
            try
            {
                await database.KeyDeleteAsync(Key(appId, nonce));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                redis.Fail(e);
            }
        }
    }

    /// <summary>Every instance sharing the key prefix forgets them: they are one set of keys.</summary>
    public async Task ClearAsync()
    {
        await fallback.ClearAsync();
        await redis.DeleteKeysAsync($"{redis.KeyPrefix}nonce:");
    }

    private RedisKey Key(uint appId, string nonce) => $"{redis.KeyPrefix}nonce:{appId}:{nonce}";
}
