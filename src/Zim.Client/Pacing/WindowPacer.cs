namespace Zim.Client.Pacing;

/// <summary>
/// Hands out at most <c>perSecond</c> permits per one-second window aligned to Unix seconds, which is
/// how the server counts. Windows start slightly after the boundary (a clock a little ahead of the server's
/// would otherwise spend the previous window), and the tail of each window is left unused (a call sent
/// then could arrive in the next one).
/// </summary>
internal sealed class WindowPacer(int perSecond, TimeProvider clock)
{
    internal static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(15);
    internal static readonly TimeSpan Tail = TimeSpan.FromMilliseconds(150);

    private readonly Lock gate = new();
    private long window = long.MinValue;
    private int used;

    /// <summary>Waits for a permit; returns the window it belongs to.</summary>
    public async ValueTask<long> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = clock.GetUtcNow() - Lead;
                var second = now.ToUnixTimeSeconds();
                if (second > window)
                {
                    window = second;
                    used = 0;
                }
                var elapsed = now - DateTimeOffset.FromUnixTimeSeconds(second);
                if (used < perSecond && elapsed < TimeSpan.FromSeconds(1) - Tail)
                {
                    used++;
                    return second;
                }
                wait = TimeSpan.FromSeconds(1) - elapsed;
            }
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The server said this window is full (its clock or other callers disagree with ours): hand out no
    /// more permits in it.
    /// </summary>
    public void Saturate(long permitWindow)
    {
        lock (gate)
        {
            if (permitWindow == window)
            {
                used = perSecond;
            }
        }
    }
}
