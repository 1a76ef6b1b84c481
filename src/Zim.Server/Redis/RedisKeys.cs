using System.Text;
using StackExchange.Redis;

namespace Zim.Server.Redis;

/// <summary>Deleting keys by their start, for the emulator's reset: SCAN with a pattern, then DEL in batches; never FLUSHDB.</summary>
internal static class RedisKeys
{
    private const int Batch = 500;

    /// <summary>
    /// Deletes every key of the database that starts with <paramref name="keyStart"/>, on each primary; returns how
    /// many. Keys added meanwhile may stay (SCAN promises only the keys there throughout).
    /// </summary>
    public static async Task<long> DeleteAsync(IConnectionMultiplexer multiplexer, string keyStart)
    {
        var database = multiplexer.GetDatabase();
        var pattern = Escape(keyStart) + "*";
        long deleted = 0;
        foreach (var server in multiplexer.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            var batch = new List<RedisKey>(Batch);
            await foreach (var key in server.KeysAsync(database.Database, pattern, pageSize: Batch))
            {
                batch.Add(key);
                if (batch.Count == Batch)
                {
                    deleted += await database.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                deleted += await database.KeyDeleteAsync([.. batch]);
            }
        }
        return deleted;
    }

    /// <summary>The text as a glob pattern that matches only itself: a prefix may hold <c>*</c>, <c>?</c>, <c>[</c> or <c>\</c>.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
