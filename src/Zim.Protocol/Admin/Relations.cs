using Zim.Protocol.Wire;

namespace Zim.Protocol.Admin;

/// <summary>One page of a user's friend list, as <c>GET /admin/api/apps/{appId}/users/{userId}/friends</c> answers it.</summary>
/// <param name="TotalCount">How many friends the user has.</param>
/// <param name="Next">The <c>next</c> of the following page (the count already returned); 0 on the last.</param>
/// <param name="Friends">This page, newest first, then by UserId (QueryFriendList's items).</param>
public sealed record FriendListPage(long TotalCount, long Next, IReadOnlyList<Friend> Friends);

/// <summary>One page of a user's blocklist, as <c>GET .../users/{userId}/blocklist</c> answers it.</summary>
/// <param name="TotalCount">How many users the user has blocked.</param>
/// <param name="Next">The <c>next</c> of the following page; 0 on the last.</param>
/// <param name="Blacklist">This page, newest first, then by UserId (QueryBlacklist's items).</param>
public sealed record BlocklistView(long TotalCount, long Next, IReadOnlyList<BlockedUser> Blacklist);

/// <summary>A friend application, as <c>GET .../users/{userId}/applications</c> lists it.</summary>
/// <param name="FromUserId">Who sent it.</param>
/// <param name="ToUserId">To whom.</param>
/// <param name="Wording">The greeting.</param>
/// <param name="FriendAlias">The alias the sender proposed for the other.</param>
/// <param name="State">1 waiting, 2 accepted (by a later AddFriends between the two), 4 expired.</param>
/// <param name="CreateTime">When it was first sent, Unix ms.</param>
/// <param name="UpdateTime">When it was last sent (or accepted), Unix ms.</param>
/// <param name="ExpireTime">When a waiting application expires, Unix ms.</param>
public sealed record FriendApplicationView(string FromUserId, string ToUserId, string Wording, string FriendAlias, int State,
    long CreateTime, long UpdateTime, long ExpireTime);

/// <summary>A user's friend applications, newest first.</summary>
/// <param name="Sent">The ones it sent.</param>
/// <param name="Received">The ones sent to it.</param>
public sealed record FriendApplications(IReadOnlyList<FriendApplicationView> Sent, IReadOnlyList<FriendApplicationView> Received);
