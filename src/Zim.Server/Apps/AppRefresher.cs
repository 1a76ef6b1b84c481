using Microsoft.Extensions.Options;

namespace Zim.Server.Apps;

/// <summary>Re-reads the stored apps every <c>AppsRefreshSeconds</c>, so that instances agree on them.</summary>
internal sealed partial class AppRefresher(AppBootstrap bootstrap, IOptions<AppsOptions> options, ILogger<AppRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.AppsRefreshSeconds;
        if (seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        try
        {
            await RefreshEveryTickAsync(timer, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the start failed): not a failure of this service.
        }
    }

    private async Task RefreshEveryTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await bootstrap.RefreshAsync(stoppingToken);
                failing = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep serving the apps already known; say so once per outage, not every tick.
                if (!failing)
                {
                    LogRefreshFailed(logger, e);
                }
                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the apps from the store; serving the apps already loaded")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
