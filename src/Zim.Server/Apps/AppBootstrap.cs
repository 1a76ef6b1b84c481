using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Zim.Protocol;

namespace Zim.Server.Apps;

/// <summary>
/// Loads the apps: configured apps are written to the store (so that every instance sees them) and win
/// over stored ones with the same AppId. A store with no app at all, on a server with none configured,
/// gets one app with a random secret, whose credentials this instance prints once.
/// </summary>
internal sealed partial class AppBootstrap(
    IOptions<AppsOptions> options, IAppStore store, AppRegistry registry, ILogger<AppBootstrap> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Apps.Select(app => app.ToRecord()).ToList();
        foreach (var app in configured)
        {
            await store.UpsertAsync(app, cancellationToken);
        }
        if (configured.Count == 0 && (await store.ListAsync(cancellationToken)).Count == 0)
        {
            await CreateFirstAppAsync(cancellationToken);
        }
        await RefreshAsync(cancellationToken);
        foreach (var app in registry.All)
        {
            LogAppLoaded(logger, app.AppId, app.Name, app.QpsLimit);
        }
    }

    /// <summary>Reloads the stored apps, so that apps added on another instance are served here too.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var apps = (await store.ListAsync(cancellationToken)).ToDictionary(app => app.AppId);
        foreach (var app in options.Value.Apps)
        {
            apps[app.AppId] = app.ToRecord();
        }
        registry.Replace(apps.Values);
    }

    private async Task CreateFirstAppAsync(CancellationToken cancellationToken)
    {
        // Ten digits, like the AppIds that the vendor's console hands out.
        var app = new AppRecord((uint)RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue), AppRecord.NewSecret(), "first app", ZimLimits.DefaultQpsLimit)
        {
            CallbackSecret = AppRecord.NewSecret(),
        };
        if (!await store.CreateIfNoneAsync(app, cancellationToken))
        {
            return; // another instance created the first app a moment ago
        }

        // Straight to the console, not to the log: the secret is shown once, and logs never hold secrets.
        Console.WriteLine($"""

            No app was configured, so this server created one. Keep these; the secret is not shown again.
              AppId:          {app.AppId}
              ServerSecret:   {app.ServerSecret}
              CallbackSecret: {app.CallbackSecret} (signs login/logout callbacks, once a CallbackUrl is set)
            To configure apps yourself, set Apps__0__AppId, Apps__0__ServerSecret (32 characters),
            Apps__0__Name and Apps__0__QpsLimit (environment) or the same keys in appsettings.json.

            """);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving app {AppId} ({AppName}), {QpsLimit} calls per second per action (0 = unlimited)")]
    private static partial void LogAppLoaded(ILogger logger, uint appId, string appName, int qpsLimit);
}
