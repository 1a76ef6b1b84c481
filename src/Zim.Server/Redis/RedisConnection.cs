using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Zim.Server.Redis;

/// <summary>
/// The Redis connection that instances share, and whether it works. While Redis is unreachable the
/// callers fall back to per-instance state: the server keeps serving rather than failing every call.
/// Each change of state is logged once, not once per request.
/// </summary>
internal sealed partial class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private ConnectionMultiplexer? multiplexer;
    private int degraded;

    public string KeyPrefix => options.Value.KeyPrefix;

    /// <summary>What /healthz reports about the limits.</summary>
    public string Mode => !options.Value.Enabled ? "per-instance"
        : Volatile.Read(ref degraded) == 1 || multiplexer is not { IsConnected: true } ? "per-instance (Redis unreachable)"
        : "shared (Redis)";

    public async Task ConnectAsync()
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration);
        // Start even while Redis is down, and keep calls short when it is: a slow Redis must not stall the API.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 1000);
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 1000);
        multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        if (!multiplexer.IsConnected)
        {
            Fail(null);
        }
    }

    /// <summary>The database to use now, or null to use per-instance state.</summary>
    public IDatabase? Database => multiplexer is { IsConnected: true } m ? m.GetDatabase() : NotConnected();

    /// <summary>
    /// Deletes every key that starts with <paramref name="keyStart"/> (under <see cref="KeyPrefix"/>); nothing when
    /// Redis is not configured. Throws while Redis is unreachable: keys left there would outlive the reset.
    /// </summary>
    public async Task<long> DeleteKeysAsync(string keyStart)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }
        try
        {
            if (multiplexer is not { IsConnected: true } connected)
            {
                throw new RedisException("Redis is unreachable, so its keys cannot be deleted.");
            }
            var deleted = await RedisKeys.DeleteAsync(connected, keyStart);
            Succeeded();
            return deleted;
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            Fail(e);
            throw;
        }
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref degraded, 0) == 1)
        {
            LogRecovered(logger);
        }
    }

    public void Fail(Exception? exception)
    {
        if (Interlocked.Exchange(ref degraded, 1) == 0)
        {
            LogDegraded(logger, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (multiplexer is not null)
        {
            await multiplexer.DisposeAsync();
        }
    }

    private IDatabase? NotConnected()
    {
        if (multiplexer is not null)
        {
            Fail(null);
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: rate limits and nonce checks have fallen back to per-instance state")]
    private static partial void LogDegraded(ILogger logger, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is reachable again: rate limits and nonce checks are shared across instances")]
    private static partial void LogRecovered(ILogger logger);
}
