using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Server.Storage;

namespace Zim.Server.Apps;

/// <summary>
/// Loads the apps at start: configured apps win over stored ones with the same AppId. A server with
/// neither creates one app with a random secret, stores it, and prints its credentials this once.
/// </summary>
internal sealed partial class AppBootstrap(
    IOptions<AppsOptions> options, IAppStore store, AppRegistry registry, ILogger<AppBootstrap> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Apps.Select(app => app.ToRecord()).ToList();
        var stored = await store.ListAsync(cancellationToken);
        if (configured.Count == 0 && stored.Count == 0)
        {
            stored = [await CreateFirstAppAsync(cancellationToken)];
        }
        var apps = stored.ToDictionary(app => app.AppId);
        foreach (var app in configured)
        {
            apps[app.AppId] = app;
        }
        registry.Replace(apps.Values);
        foreach (var app in apps.Values)
        {
            LogAppLoaded(logger, app.AppId, app.Name, app.QpsLimit);
        }
    }

    private async Task<AppRecord> CreateFirstAppAsync(CancellationToken cancellationToken)
    {
        AppRecord app;
        do
        {
            // Ten digits, like the AppIds that the vendor's console hands out.
            var appId = (uint)RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue);
            app = new AppRecord(appId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "first app", ZimLimits.DefaultQpsLimit);
        }
        while (!await store.TryAddAsync(app, cancellationToken));

        // Straight to the console, not to the log: the secret is shown once, and logs never hold secrets.
        Console.WriteLine($"""

            No app was configured, so this server created one. Keep these; the secret is not shown again.
              AppId:        {app.AppId}
              ServerSecret: {app.ServerSecret}
            To configure apps yourself, set Apps__0__AppId, Apps__0__ServerSecret (32 characters),
            Apps__0__Name and Apps__0__QpsLimit (environment) or the same keys in appsettings.json.

            """);
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving app {AppId} ({AppName}), {QpsLimit} calls per second per action (0 = unlimited)")]
    private static partial void LogAppLoaded(ILogger logger, uint appId, string appName, int qpsLimit);
}
