using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.CallRate;
using Zim.Server.Callbacks;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// App management. Changes go to the store through the same upsert the bootstrap uses, then the registry
/// is reloaded, so the change is served at once here and within AppsRefreshSeconds on other instances.
/// </summary>
internal sealed class AppAdmin(
    IAppStore apps, IAdminStore admin, AppRegistry registry, AppBootstrap bootstrap, CallbackLog callbacks, CallRateLog rates,
    IOptions<AppsOptions> options, IOptions<ApiOptions> api, TimeProvider clock)
{
    public const int MaxNameLength = 64;

    public async Task<AppView[]> ListAsync(CancellationToken cancellationToken)
    {
        var counts = await admin.CountUsersAsync(cancellationToken);
        return [.. registry.All.OrderBy(app => app.AppId).Select(app => View(app, counts.GetValueOrDefault(app.AppId)))];
    }

    public async Task<AdminOutcome<AppView>> FindAsync(uint appId, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(app => app.AppId == appId) is { } found ? found : AdminRefusal.NoApp(appId);

    public AppView View(AppRecord app, long users) => new(app.AppId, app.Name, app.QpsLimit, users, IsConfigured(app.AppId), app.CallbackUrl?.ToString(),
        new AppLimitsView(ActionLimits.Of(api.Value, app.Limits), app.Limits));

    public async Task<AdminOutcome<AppSecret>> CreateAsync(CreateApp request, CancellationToken cancellationToken)
    {
        var appId = request.AppId ?? (uint)RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue);
        if (appId == 0)
        {
            return AdminRefusal.Invalid("AppId must be a uint32 other than 0.");
        }
        if ((await apps.ListAsync(cancellationToken)).Any(app => app.AppId == appId))
        {
            return AdminRefusal.Conflict($"App {appId} exists already.");
        }
        if (Check(request.Name, request.QpsLimit, request.CallbackUrl, request.Limits) is { } problem)
        {
            return problem;
        }
        var app = new AppRecord(appId, AppRecord.NewSecret(), string.IsNullOrWhiteSpace(request.Name) ? $"app {appId}" : request.Name,
            request.QpsLimit ?? ZimLimits.DefaultQpsLimit)
        {
            CallbackUrl = CallbackUrls.Parse(request.CallbackUrl),
            CallbackSecret = AppRecord.NewSecret(),
            Limits = request.Limits ?? new AppLimits(),
        };
        await apps.UpsertAsync(app, cancellationToken);
        await bootstrap.RefreshAsync(cancellationToken);
        return Secret(app) with { CallbackSecret = app.CallbackSecret };
    }

    public async Task<AdminOutcome<AppSettings>> ChangeAsync(uint appId, ChangeApp request, CancellationToken cancellationToken)
    {
        if (Check(request.Name, request.QpsLimit, request.CallbackUrl, request.Limits) is { } problem)
        {
            return problem;
        }
        string? madeSecret = null;
        var changed = await UpdateAsync(appId, app =>
        {
            var url = request.CallbackUrl is null ? app.CallbackUrl : CallbackUrls.Parse(request.CallbackUrl);
            // An app stored before callbacks existed gets its CallbackSecret when it first gets a URL.
            madeSecret = url is not null && app.CallbackSecret is null ? AppRecord.NewSecret() : null;
            return app with
            {
                Name = string.IsNullOrWhiteSpace(request.Name) ? app.Name : request.Name,
                QpsLimit = request.QpsLimit ?? app.QpsLimit,
                CallbackUrl = url,
                CallbackSecret = madeSecret ?? app.CallbackSecret,
                Limits = request.Limits ?? app.Limits,
            };
        }, cancellationToken);
        return changed.Map(app => new AppSettings(app.AppId, app.Name, app.QpsLimit, app.CallbackUrl?.ToString(), madeSecret,
            new AppLimitsView(ActionLimits.Of(api.Value, app.Limits), app.Limits)));
    }

    /// <summary>A new CallbackSecret signs the app's callbacks from now on (at once: a receiver checks one secret).</summary>
    public async Task<AdminOutcome<CallbackSecretAnswer>> RotateCallbackSecretAsync(uint appId, CancellationToken cancellationToken)
    {
        var changed = await UpdateAsync(appId, app => app with { CallbackSecret = AppRecord.NewSecret() }, cancellationToken);
        return changed.Map(app => new CallbackSecretAnswer(app.AppId, app.CallbackSecret!));
    }

    /// <summary>The longest grace period a rotation may give the old secret.</summary>
    public const int MaxGraceSeconds = 30 * 24 * 3600;

    /// <summary>
    /// A new secret signs from now on; the old one is still accepted for <paramref name="graceSeconds"/>
    /// (default one hour, 0 = refused at once), so that callers can switch without downtime.
    /// </summary>
    public async Task<AdminOutcome<AppSecret>> RotateSecretAsync(uint appId, int? graceSeconds, CancellationToken cancellationToken)
    {
        var grace = graceSeconds ?? 3600;
        if (grace is < 0 or > MaxGraceSeconds)
        {
            return AdminRefusal.Invalid($"graceSeconds must be 0 to {MaxGraceSeconds}.");
        }
        var until = clock.GetUtcNow().ToUnixTimeSeconds() + grace;
        var changed = await UpdateAsync(appId, app => app with
        {
            ServerSecret = AppRecord.NewSecret(),
            PreviousSecret = grace == 0 ? null : app.ServerSecret,
            PreviousSecretUntil = grace == 0 ? 0 : until,
        }, cancellationToken);
        return changed.Map(Secret);
    }

    /// <summary>Deletes the app and its users; null when done, else why not.</summary>
    public async Task<AdminRefusal?> DeleteAsync(uint appId, CancellationToken cancellationToken)
    {
        if (Refuse(appId) is { } refusal)
        {
            return refusal;
        }
        await admin.DeleteAppAsync(appId, cancellationToken);
        await bootstrap.RefreshAsync(cancellationToken);
        callbacks.Clear(appId);
        rates.Clear(appId);
        return null;
    }

    private async Task<AdminOutcome<AppRecord>> UpdateAsync(uint appId, Func<AppRecord, AppRecord> change, CancellationToken cancellationToken)
    {
        if (Refuse(appId) is { } refusal)
        {
            return refusal;
        }
        // Read the stored record, not the registry's copy, which may be a few seconds old.
        var stored = (await apps.ListAsync(cancellationToken)).FirstOrDefault(app => app.AppId == appId);
        if (stored is null)
        {
            return AdminRefusal.NoApp(appId);
        }
        var changed = change(stored);
        await apps.UpsertAsync(changed, cancellationToken);
        await bootstrap.RefreshAsync(cancellationToken);
        return changed;
    }

    private AdminRefusal? Refuse(uint appId)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        // The configuration wins at every refresh, so a change made here would silently come undone.
        return IsConfigured(appId)
            ? AdminRefusal.Conflict($"App {appId} is set in the server's configuration (Apps__N__...); change it there.")
            : null;
    }

    private bool IsConfigured(uint appId) => options.Value.Apps.Any(app => app.AppId == appId);

    private static AdminRefusal? Check(string? name, int? qpsLimit, string? callbackUrl, AppLimits? limits) =>
        name is { Length: > MaxNameLength }
            ? AdminRefusal.Invalid($"Name may have at most {MaxNameLength} characters.")
            : qpsLimit < 0
                ? AdminRefusal.Invalid("QpsLimit must be 0 (unlimited) or more.")
                : CallbackUrls.Check(callbackUrl) is { } url
                    ? AdminRefusal.Invalid($"CallbackUrl {url}")
                    : limits?.Problems().FirstOrDefault() is { } limit
                        ? AdminRefusal.Invalid($"Limits: {limit}")
                        : null;

    private static AppSecret Secret(AppRecord app) => new(app.AppId, app.Name, app.QpsLimit, app.ServerSecret, app.CallbackUrl?.ToString(), null);
}
