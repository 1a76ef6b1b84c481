using System.Globalization;
using Zim.Protocol;
using Zim.Protocol.Admin;
using Zim.Protocol.Wire;

namespace Zim.Emulator;

/// <summary>The emulator controls: the admin API's, as typed methods.</summary>
public sealed partial class ZimEmulator
{
    /// <summary>
    /// Registers <paramref name="users"/> in the first app (or <paramref name="appId"/>) at once: unsigned, outside
    /// the rate limit and the request log. Users already stored stay as they are; invalid ones are counted, with reasons.
    /// </summary>
    public async Task<SeededUsers> SeedUsersAsync(IEnumerable<RegisterUserInfo> users, uint? appId = null, CancellationToken cancellationToken = default)
    {
        var all = users.ToList();
        var total = new SeededUsers(0, 0, 0, []);
        // The admin API takes up to 10,000 users a call.
        foreach (var chunk in all.Chunk(10_000))
        {
            var seeded = await AdminCalls.SendAsync(admin, HttpMethod.Post, $"apps/{Id(appId)}/users",
                AdminCalls.Json(new UserRegisterRequest(chunk), EmulatorJson.Default.UserRegisterRequest),
                EmulatorJson.Default.SeededUsers, cancellationToken).ConfigureAwait(false);
            total = new SeededUsers(total.Registered + seeded.Registered, total.AlreadyThere + seeded.AlreadyThere,
                total.Invalid + seeded.Invalid, [.. total.Reasons, .. seeded.Reasons]);
        }
        return total;
    }

    /// <summary>
    /// Resets everything in one call: every app's users, the nonces already used, the rate-limit windows, the
    /// request log and the faults. The apps stay.
    /// </summary>
    public Task<ResetResult> ResetAsync(CancellationToken cancellationToken = default) =>
        AdminCalls.SendAsync(admin, HttpMethod.Post, "reset", null, EmulatorJson.Default.ResetResult, cancellationToken);

    /// <summary>
    /// The next <paramref name="count"/> calls of <paramref name="action"/> (of any action when null) answer
    /// <paramref name="code"/> instead of running, after the rules already waiting. Answers the app's faults.
    /// </summary>
    public Task<FaultSettings> FailNextAsync(ZimAction? action, int count, int code, string? message = null, uint? appId = null,
        CancellationToken cancellationToken = default) =>
        AdminCalls.SendAsync(admin, HttpMethod.Post, $"apps/{Id(appId)}/faults/next",
            AdminCalls.Json(new FaultRule(action?.Name, count, code, message), EmulatorJson.Default.FaultRule),
            EmulatorJson.Default.FaultSettings, cancellationToken);

    /// <summary>Replaces the app's faults: random shares, latency and rules (<see cref="FaultSettings"/>).</summary>
    public Task<FaultSettings> SetFaultsAsync(FaultSettings faults, uint? appId = null, CancellationToken cancellationToken = default) =>
        AdminCalls.SendAsync(admin, HttpMethod.Put, $"apps/{Id(appId)}/faults",
            AdminCalls.Json(faults, EmulatorJson.Default.FaultSettings), EmulatorJson.Default.FaultSettings, cancellationToken);

    /// <summary>The app's faults, with the counts its rules still have.</summary>
    public Task<FaultSettings> GetFaultsAsync(uint? appId = null, CancellationToken cancellationToken = default) =>
        AdminCalls.SendAsync(admin, HttpMethod.Get, $"apps/{Id(appId)}/faults", null, EmulatorJson.Default.FaultSettings, cancellationToken);

    /// <summary>Turns every fault of the app off.</summary>
    public async Task ClearFaultsAsync(uint? appId = null, CancellationToken cancellationToken = default)
    {
        using var _ = await AdminCalls.SendAsync(admin, HttpMethod.Delete, $"apps/{Id(appId)}/faults", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The app's recent calls, newest first: at most <paramref name="limit"/> (100 by default, up to 1000), only
    /// those with <paramref name="code"/> if given, only those after <paramref name="after"/> (a <c>Seq</c>) if given.
    /// Bodies are there when <see cref="ZimEmulatorOptions.KeepRequestBodies"/> is on.
    /// </summary>
    public Task<LoggedCall[]> GetRequestsAsync(int? code = null, long? after = null, int? limit = null, uint? appId = null,
        CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[] { ("code", (long?)code), ("after", after), ("limit", limit) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2!.Value.ToString(CultureInfo.InvariantCulture)}"));
        return AdminCalls.SendAsync(admin, HttpMethod.Get, $"apps/{Id(appId)}/requests{(query.Length > 0 ? "?" + query : "")}", null,
            EmulatorJson.Default.LoggedCallArray, cancellationToken);
    }

    private string Id(uint? appId) => (appId ?? AppId).ToString(CultureInfo.InvariantCulture);
}
