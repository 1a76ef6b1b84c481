using Zim.Protocol;
using Zim.Protocol.Admin;
using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// A user's friends, friend applications and blocklist, read-only, for the console. Pages take <c>limit</c> (absent,
/// 0 or above 100: 100) and <c>next</c> (the count already returned), as the ZIM list queries do.
/// </summary>
internal sealed class RelationAdmin(IFriendStore friends, IBlocklistStore blocklist, AppRegistry registry, TimeProvider clock)
{
    public Task<AdminOutcome<FriendListPage>> FriendsAsync(uint appId, string userId, int? limit, long? next, CancellationToken cancellationToken) =>
        PageAsync(appId, userId, limit, next, (skip, size) => friends.QueryAsync(appId, userId, skip, size, cancellationToken),
            (page, skip) => new FriendListPage(page.TotalCount, NextAfter(skip, page.Friends.Count, page.TotalCount), page.Friends));

    public Task<AdminOutcome<BlocklistView>> BlocklistAsync(uint appId, string userId, int? limit, long? next, CancellationToken cancellationToken) =>
        PageAsync(appId, userId, limit, next, (skip, size) => blocklist.QueryAsync(appId, userId, skip, size, cancellationToken),
            (page, skip) => new BlocklistView(page.TotalCount, NextAfter(skip, page.Users.Count, page.TotalCount), page.Users));

    /// <summary>The applications the user sent and received, each with its state as of now (a waiting one past its expiry is 4).</summary>
    public async Task<AdminOutcome<FriendApplications>> ApplicationsAsync(uint appId, string userId, CancellationToken cancellationToken)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        if (await friends.ApplicationsAsync(appId, userId, cancellationToken) is not var (sent, received))
        {
            return AdminRefusal.NoUser(appId, userId);
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return new FriendApplications([.. sent.Select(a => View(a, now))], [.. received.Select(a => View(a, now))]);
    }

    private static FriendApplicationView View(ApplicationRecord a, long now) =>
        new(a.FromUserId, a.ToUserId, a.Wording, a.FriendAlias, a.State == 1 && a.ExpireTime <= now ? 4 : a.State, a.CreateTime, a.UpdateTime, a.ExpireTime);

    private async Task<AdminOutcome<TView>> PageAsync<TPage, TView>(uint appId, string userId, int? limit, long? next,
        Func<long, int, Task<TPage?>> fetch, Func<TPage, long, TView> view)
        where TPage : class
    {
        if (Check(appId, limit, next) is { } refusal)
        {
            return refusal;
        }
        var skip = next ?? 0;
        return await fetch(skip, limit is null or 0 or > ZimLimits.MaxPage ? ZimLimits.MaxPage : limit.Value) is { } page
            ? view(page, skip)
            : AdminRefusal.NoUser(appId, userId);
    }

    private AdminRefusal? Check(uint appId, int? limit, long? next) =>
        AdminRefusal.IfNotServed(registry, appId)
        ?? (limit < 0 ? AdminRefusal.Invalid($"limit must be 0 or more, not {limit}.")
            : next < 0 ? AdminRefusal.Invalid($"next must be 0 or more, not {next}.")
            : null);

    private static long NextAfter(long skip, int returned, long total) => returned > 0 && skip + returned < total ? skip + returned : 0;
}
