using System.Collections.Concurrent;
using Zim.Protocol;

namespace Zim.Server.RateLimits;

/// <summary>
/// Fixed one-second windows aligned to the server clock's seconds, in process memory: at most
/// <c>limit</c> calls share one Unix second, as a client pacing itself by the clock would expect.
/// </summary>
internal sealed class MemoryRateLimiter(TimeProvider clock) : IRateLimiter
{
    private readonly ConcurrentDictionary<(uint AppId, string Action), Window> windows = new();

    public ValueTask<bool> TryAcquireAsync(uint appId, ZimAction action, int limitPerSecond) =>
        ValueTask.FromResult(TryAcquire(appId, action, limitPerSecond));

    public Task ClearAsync()
    {
        windows.Clear();
        return Task.CompletedTask;
    }

    public bool TryAcquire(uint appId, ZimAction action, int limitPerSecond)
    {
        if (limitPerSecond <= 0)
        {
            return true;
        }
        var second = clock.GetUtcNow().ToUnixTimeSeconds();
        var window = windows.GetOrAdd((appId, action.Name), static _ => new Window());
        lock (window)
        {
            if (window.Second != second)
            {
                window.Second = second;
                window.Count = 0;
            }
            if (window.Count >= limitPerSecond)
            {
                return false;
            }
            window.Count++;
            return true;
        }
    }

    private sealed class Window
    {
        public long Second;
        public int Count;
    }
}
