namespace Zim.Server.Storage.Sqlite;

/// <summary>
/// Whether requests' own writes have just failed: the latest outcome of the file, timed on the injected
/// clock. The writer reports each group here, and reads that fail on the file itself count as failures.
/// </summary>
internal sealed class StoreHealth(TimeProvider clock)
{
    private long failedAtTicks;
    private volatile bool failing;

    /// <summary>A group of writes is durable.</summary>
    public void Succeeded() => failing = false;

    /// <summary>A write failed, or a read found the file broken.</summary>
    public void Failed()
    {
        Interlocked.Exchange(ref failedAtTicks, clock.GetUtcNow().UtcTicks);
        failing = true;
    }

    /// <summary>
    /// True while the latest outcome is a failure, for up to <paramref name="window"/> after it: a small
    /// probe may still fit on a nearly full disk where requests do not.
    /// </summary>
    public bool RecentlyFailing(TimeSpan window) =>
        failing && clock.GetUtcNow().UtcTicks - Interlocked.Read(ref failedAtTicks) < window.Ticks;
}
