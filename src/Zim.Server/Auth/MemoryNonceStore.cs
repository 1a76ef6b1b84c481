using System.Collections.Concurrent;

namespace Zim.Server.Auth;

/// <summary>
/// Nonces in process memory. Only signed calls add entries and each leaves when its Timestamp can no
/// longer pass the window check, so the size is bounded by the signed calls of one window.
/// </summary>
internal sealed class MemoryNonceStore(TimeProvider clock) : INonceStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(uint AppId, string Nonce), DateTimeOffset> used = new();
    private long nextSweepTicks;

    public int Count => used.Count;

    public ValueTask<bool> TryUseAsync(uint appId, string nonce, DateTimeOffset expiresAt) =>
        ValueTask.FromResult(TryUse(appId, nonce, expiresAt));

    public ValueTask ReleaseAsync(uint appId, string nonce)
    {
        used.TryRemove((appId, nonce), out _);
        return ValueTask.CompletedTask;
    }

    public Task ClearAsync()
    {
        used.Clear();
        return Task.CompletedTask;
    }

    public bool TryUse(uint appId, string nonce, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        SweepIfDue(now);
        var key = (appId, nonce);
        while (true)
        {
            if (used.TryAdd(key, expiresAt))
            {
                return true;
            }
            if (!used.TryGetValue(key, out var expiry))
            {
                continue; // the sweep removed it a moment ago: try again
            }
            if (expiry > now)
            {
                return false;
            }
            // Expired but not swept yet: the nonce is free again.
            if (used.TryUpdate(key, expiresAt, expiry))
            {
                return true;
            }
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextSweepTicks, now.UtcTicks + SweepInterval.Ticks, due) != due)
        {
            return;
        }
        // Scanning may take a while with many entries; no request should wait for it.
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (entries, cutoff) = state;
            foreach (var entry in entries)
            {
                if (entry.Value <= cutoff)
                {
                    entries.TryRemove(entry);
                }
            }
        }, (used, now), preferLocal: false);
    }
}
