using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Zim.Protocol.Admin;

namespace Zim.Server.Callbacks;

/// <summary>The recent delivery attempts of each app, in a fixed-size ring per app (memory of this instance only).</summary>
internal sealed class CallbackLog(IOptions<CallbackOptions> options)
{
    private readonly ConcurrentDictionary<uint, Queue<CallbackDelivery>> apps = new();

    public void Add(uint appId, CallbackDelivery delivery)
    {
        var size = options.Value.LogPerApp;
        if (size == 0)
        {
            return;
        }
        var ring = apps.GetOrAdd(appId, _ => new Queue<CallbackDelivery>());
        lock (ring)
        {
            ring.Enqueue(delivery);
            while (ring.Count > size)
            {
                ring.Dequeue();
            }
        }
    }

    /// <summary>Newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<CallbackDelivery> Read(uint appId, int limit)
    {
        if (!apps.TryGetValue(appId, out var ring))
        {
            return [];
        }
        lock (ring)
        {
            return [.. ring.Reverse().Take(limit)];
        }
    }

    /// <summary>Forgets an app's deliveries (the app deleted).</summary>
    public void Clear(uint appId) => apps.TryRemove(appId, out _);

    /// <summary>Forgets every app's deliveries (the emulator reset).</summary>
    public void Clear() => apps.Clear();
}
