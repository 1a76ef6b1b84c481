using System.Globalization;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Client;

public sealed partial class ZimClient
{
    /// <summary>
    /// <c>AddFriends</c>: makes up to 20 registered users friends of <paramref name="fromUserId"/>, both ways,
    /// without their consent; the answer's <c>ErrorList</c> names each friend not added (Code 660800025 when
    /// none of the targets is registered).
    /// </summary>
    public Task<AddFriendsResponse> AddFriendsAsync(string fromUserId, IReadOnlyList<FriendInfo> friends, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.AddFriends, new AddFriendsRequest(fromUserId, friends), ZimJson.Context.AddFriendsRequest,
            ZimJson.Context.AddFriendsResponse, cancellationToken);

    /// <summary>
    /// <c>SendFriendApplication</c>: up to 20 friend applications from <paramref name="fromUserId"/>, stored as
    /// waiting (a target that still has the sender on its list becomes its friend again at once).
    /// </summary>
    public Task<SendFriendApplicationResponse> SendFriendApplicationAsync(string fromUserId, IReadOnlyList<FriendApplicationInfo> applications,
        CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.SendFriendApplication, new SendFriendApplicationRequest(fromUserId, applications), ZimJson.Context.SendFriendApplicationRequest,
            ZimJson.Context.SendFriendApplicationResponse, cancellationToken);

    /// <summary>
    /// <c>DeleteFriends</c>: removes up to 20 friends of <paramref name="fromUserId"/>, from both lists when
    /// <paramref name="twoWay"/>, otherwise only from its own.
    /// </summary>
    public Task<DeleteFriendsResponse> DeleteFriendsAsync(string fromUserId, IReadOnlyList<string> userIds, bool twoWay = true,
        CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.DeleteFriends, new DeleteFriendsRequest(fromUserId, userIds, twoWay ? 0 : 1), ZimJson.Context.DeleteFriendsRequest,
            ZimJson.Context.DeleteFriendsResponse, cancellationToken);

    /// <summary>
    /// <c>DeleteAllFriends</c> (a GET): empties <paramref name="fromUserId"/>'s friend list, and when
    /// <paramref name="twoWay"/> also takes it off each of those friends' lists.
    /// </summary>
    public Task<ZimResponse> DeleteAllFriendsAsync(string fromUserId, bool twoWay = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fromUserId);
        var query = string.Create(CultureInfo.InvariantCulture, $"&FromUserId={Uri.EscapeDataString(fromUserId)}&DeleteType={(twoWay ? 0 : 1)}");
        return CallAsync<ZimResponse>(ZimAction.DeleteAllFriends,
            () => transport.SendAsync(ZimAction.DeleteAllFriends, query, null, ZimJson.Context.ZimResponse, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// <c>QueryFriendList</c> (a GET): one page of <paramref name="fromUserId"/>'s friends, newest first.
    /// <paramref name="limit"/> 0 means the server's page size (100); pass the answer's <c>Next</c> as
    /// <paramref name="next"/> for the following page, until it is 0.
    /// </summary>
    public Task<QueryFriendListResponse> QueryFriendListAsync(string fromUserId, int limit = 0, long next = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fromUserId);
        var query = string.Create(CultureInfo.InvariantCulture, $"&FromUserId={Uri.EscapeDataString(fromUserId)}&Limit={limit}&Next={next}");
        return CallAsync<QueryFriendListResponse>(ZimAction.QueryFriendList,
            () => transport.SendAsync(ZimAction.QueryFriendList, query, null, ZimJson.Context.QueryFriendListResponse, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// <c>CheckFriendsRelation</c>: the relation of <paramref name="fromUserId"/> with each of up to 20 users
    /// (<c>Successes</c>): one-way 1 or 2, or, when <paramref name="twoWay"/>, 3 to 6.
    /// </summary>
    public Task<CheckFriendsRelationResponse> CheckFriendsRelationAsync(string fromUserId, IReadOnlyList<string> userIds, bool twoWay = true,
        CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.CheckFriendsRelation, new CheckFriendsRelationRequest(fromUserId, userIds, twoWay ? 0 : 1), ZimJson.Context.CheckFriendsRelationRequest,
            ZimJson.Context.CheckFriendsRelationResponse, cancellationToken);

    /// <summary><c>UpdateFriendsAlias</c>: sets <paramref name="fromUserId"/>'s aliases for up to 20 of its friends (an empty alias clears it).</summary>
    public Task<UpdateFriendsAliasResponse> UpdateFriendsAliasAsync(string fromUserId, IReadOnlyList<FriendAliasUpdate> aliases,
        CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.UpdateFriendsAlias, new UpdateFriendsAliasRequest(fromUserId, aliases), ZimJson.Context.UpdateFriendsAliasRequest,
            ZimJson.Context.UpdateFriendsAliasResponse, cancellationToken);

    /// <summary>
    /// <c>UpdateFriendAttributes</c>: sets 1 to 5 of <paramref name="fromUserId"/>'s attributes (keys <c>k0</c> to
    /// <c>k4</c>) for its friend <paramref name="userId"/>; keys not named keep their values. <c>FailKey</c> names each key not set.
    /// </summary>
    public Task<UpdateFriendAttributesResponse> UpdateFriendAttributesAsync(string fromUserId, string userId, IReadOnlyList<FriendAttribute> attributes,
        CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.UpdateFriendAttributes, new UpdateFriendAttributesRequest(fromUserId, userId, attributes), ZimJson.Context.UpdateFriendAttributesRequest,
            ZimJson.Context.UpdateFriendAttributesResponse, cancellationToken);
}
