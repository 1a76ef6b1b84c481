using StackExchange.Redis;
using Zim.Protocol;
using Zim.Server.Redis;

namespace Zim.Server.RateLimits;

/// <summary>
/// The same fixed one-second windows, counted in Redis so that the limit holds for the app across all
/// instances. The window is Redis's own clock, so instances with slightly different clocks still agree.
/// Falls back to per-instance counting while Redis is unreachable.
/// </summary>
internal sealed class RedisRateLimiter(RedisConnection redis, MemoryRateLimiter fallback) : IRateLimiter
{
    // A refused call is taken back out, as in the in-process limiter: refusals never count.
    private const string Script = """
        local now = redis.call('TIME')
        local key = KEYS[1] .. now[1]
        local count = redis.call('INCR', key)
        if count == 1 then redis.call('EXPIRE', key, 2) end
        if count > tonumber(ARGV[1]) then
            redis.call('DECR', key)
            return 0
        end
        return 1
        """;

    public async ValueTask<bool> TryAcquireAsync(uint appId, ZimAction action, int limitPerSecond)
    {
        if (limitPerSecond <= 0)
        {
            return true;
        }
        if (redis.Database is { } database)
        {
            try
            {
                var admitted = (long)await database.ScriptEvaluateAsync(Script, [$"{redis.KeyPrefix}rate:{appId}:{action.Name}:"], [limitPerSecond]);
                redis.Succeeded();
                return admitted == 1;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                redis.Fail(e);
            }
        }
        return fallback.TryAcquire(appId, action, limitPerSecond);
    }

    /// <summary>Every instance sharing the key prefix starts from empty windows: they count in the same keys.</summary>
    public async Task ClearAsync()
    {
        await fallback.ClearAsync();
        await redis.DeleteKeysAsync($"{redis.KeyPrefix}rate:");
    }
}
