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

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        using var parameters = new GetParameters(request.Query, request.Body);
        var (query, problem) = PageQuery.Read(parameters);
        if (problem is not null)
        {
            return Reject(ZimCode.InvalidParameter, problem);
        }
        if (await store.QueryAsync(request.App.AppId, query.FromUserId, query.Offset, query.Size, cancellationToken) is not { } page)
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(query.FromUserId);
            return Reject(refusal, sentence);
        }
        return new QueryFriendListResponse
        {
            Code = ZimCode.Success,
            Message = ZimResponse.SuccessMessage,
            TotalCount = page.TotalCount,
            Next = query.NextAfter(page.Friends.Count, page.TotalCount),
            FriendInfos = page.Friends,
        };
    }
}
