using System.Globalization;
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

    private string Id(uint? appId) => (appId ?? AppId).ToString(CultureInfo.InvariantCulture);
}
