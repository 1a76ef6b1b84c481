using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Friends;

/// <summary>
/// <c>QueryFriendList</c> (GET <c>FromUserId</c>, <c>Limit</c>, <c>Next</c>): one page of a friend list, newest
/// first, then by UserId. <c>Next</c> counts the entries already returned; 0 ends the list.
/// </summary>
internal sealed class QueryFriendList(IFriendStore store) : IActionHandler
{
    public ZimAction Action => ZimAction.QueryFriendList;

    public bool ReadsBody => true;

    public ZimResponse Reject(int code, string message) => new QueryFriendListResponse { Code = code, Message = message };

    public Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken) =>
        PageQuery.AnswerAsync(request, query => store.QueryAsync(request.App.AppId, query.FromUserId, query.Offset, query.Size, cancellationToken),
            (query, page) => new QueryFriendListResponse
            {
                Code = ZimCode.Success,
                Message = ZimResponse.SuccessMessage,
                TotalCount = page.TotalCount,
                Next = query.NextAfter(page.Friends.Count, page.TotalCount),
                FriendInfos = page.Friends,
            }, Reject);
}
