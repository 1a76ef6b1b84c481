using System.Globalization;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Client;

public sealed partial class ZimClient
{
    /// <summary>
    /// <c>AddUsersToBlacklist</c>: <paramref name="fromUserId"/> blocks up to 20 registered users; the answer's
    /// <c>ErrList</c> names each user not blocked (Code 660800041 when none was).
    /// </summary>
    public Task<AddUsersToBlacklistResponse> AddUsersToBlacklistAsync(string fromUserId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.AddUsersToBlacklist, new BlacklistRequest(fromUserId, userIds), ZimJson.Context.BlacklistRequest,
            ZimJson.Context.AddUsersToBlacklistResponse, cancellationToken);

    /// <summary>
    /// <c>RemoveUsersFromBlacklist</c>: <paramref name="fromUserId"/> unblocks up to 20 users; the answer's
    /// <c>ErrList</c> names each user not unblocked (Code 660800042 when none was).
    /// </summary>
    public Task<RemoveUsersFromBlacklistResponse> RemoveUsersFromBlacklistAsync(string fromUserId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.RemoveUsersFromBlacklist, new BlacklistRequest(fromUserId, userIds), ZimJson.Context.BlacklistRequest,
            ZimJson.Context.RemoveUsersFromBlacklistResponse, cancellationToken);

    /// <summary><c>CheckUsersIsInBlacklist</c>: whether <paramref name="fromUserId"/> has blocked each of up to 20 users (<c>Succ</c>, Result 1 or 0).</summary>
    public Task<CheckUsersIsInBlacklistResponse> CheckUsersIsInBlacklistAsync(string fromUserId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.CheckUsersIsInBlacklist, new BlacklistRequest(fromUserId, userIds), ZimJson.Context.BlacklistRequest,
            ZimJson.Context.CheckUsersIsInBlacklistResponse, cancellationToken);

    /// <summary>
    /// <c>QueryBlacklist</c> (a GET): one page of <paramref name="fromUserId"/>'s blocklist, newest first.
    /// <paramref name="limit"/> 0 means the server's page size (100); pass the answer's <c>Next</c> as
    /// <paramref name="next"/> for the following page, until it is 0.
    /// </summary>
    public Task<QueryBlacklistResponse> QueryBlacklistAsync(string fromUserId, int limit = 0, long next = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fromUserId);
        var query = string.Create(CultureInfo.InvariantCulture, $"&FromUserId={Uri.EscapeDataString(fromUserId)}&Limit={limit}&Next={next}");
        return CallAsync<QueryBlacklistResponse>(ZimAction.QueryBlacklist,
            () => transport.SendAsync(ZimAction.QueryBlacklist, query, null, ZimJson.Context.QueryBlacklistResponse, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// <c>RobotRegister</c>: registers up to 20 bots, each UserId beginning with <c>@RBT#</c>; the answer's
    /// <c>ErrorList</c> names each bot not registered.
    /// </summary>
    public Task<RobotRegisterResponse> RegisterBotsAsync(IReadOnlyList<RegisterUserInfo> bots, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.RobotRegister, new RobotRegisterRequest(bots), ZimJson.Context.RobotRegisterRequest,
            ZimJson.Context.RobotRegisterResponse, cancellationToken);
}
