using Zim.Protocol.Admin;
using Zim.Server.Apps;
using Zim.Server.Auth;
using Zim.Server.CallRate;
using Zim.Server.Callbacks;
using Zim.Server.Faults;
using Zim.Server.RateLimits;
using Zim.Server.RequestLog;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// <c>POST /admin/api/reset</c>: a clean slate between test runs in one call. Every app's users go, and so do the used
/// nonces, the rate-limit windows, the request log, the calls per second, the callback deliveries and the fault settings;
/// the apps stay (decision 0009).
/// </summary>
internal sealed class EmulatorReset(
    IUserAdminStore users, IAppStore apps, AppRegistry registry, INonceStore nonces, IRateLimiter limiter, CallLog log, CallRateLog rates,
    CallbackLog callbacks, FaultInjector faults)
{
    public async Task<ResetResult> ResetAsync(CancellationToken cancellationToken)
    {
        // Faults first, so that nothing is injected into calls made while the rest is reset.
        faults.Clear();
        // The stored apps too: one that another instance stored has users before this one's registry sees it.
        var stored = await apps.ListAsync(cancellationToken);
        var appIds = registry.All.Select(app => app.AppId).Union(stored.Select(app => app.AppId)).Order().ToList();
        long deleted = 0;
        foreach (var appId in appIds)
        {
            deleted += await users.DeleteAllAsync(appId, cancellationToken);
        }
        await nonces.ClearAsync();
        await limiter.ClearAsync();
        log.Clear();
        rates.Clear();
        callbacks.Clear();
        return new ResetResult(appIds.Count, deleted);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/reset", async (EmulatorReset reset, CancellationToken ct) => TypedResults.Ok(await reset.ResetAsync(ct)))
            .WithSummary("Reset: every app's users, used nonces, rate-limit windows, request log, calls per second, callback deliveries and faults; the apps stay");
}
