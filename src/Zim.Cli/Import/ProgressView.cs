using System.Globalization;

namespace Zim.Cli.Import;

/// <summary>
/// The live progress line: a bar, users done of the total, users per second and time left. On a terminal it
/// redraws in place four times a second; otherwise it prints a plain line every ten seconds.
/// </summary>
internal sealed class ProgressView(CliHost host, long total, long doneBefore, Func<long> doneNow) : IAsyncDisposable
{
    private const int Width = 30;
    private readonly CancellationTokenSource stop = new();
    private readonly long started = host.Clock.GetTimestamp();
    private Task? drawing;

    public void Start() => drawing = DrawLoopAsync();

    private async Task DrawLoopAsync()
    {
        using var timer = new PeriodicTimer(host.Interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10), host.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Draw(final: false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public string Line()
    {
        var done = doneBefore + doneNow();
        var elapsed = host.Clock.GetElapsedTime(started).TotalSeconds;
        var rate = elapsed > 0 ? doneNow() / elapsed : 0;
        var fraction = total > 0 ? Math.Min(1, (double)done / total) : 0;
        var filled = (int)Math.Round(fraction * Width);
        var eta = rate > 0 && total > done ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {done:N0}/{total:N0} users  {rate:N0} users/s  ETA {eta:hh\\:mm\\:ss}");
    }

    private void Draw(bool final)
    {
        if (host.Interactive)
        {
            host.Error.Write("\r" + Line() + (final ? Environment.NewLine : ""));
        }
        else
        {
            host.Error.WriteLine(Line());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (drawing is not null)
        {
            await drawing;
            Draw(final: true);
        }
        stop.Dispose();
    }
}
