using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Blocklist;

/// <summary>
/// <c>QueryBlacklist</c> (GET <c>FromUserId</c>, <c>Limit</c>, <c>Next</c>): one page of a blocklist, newest
/// first, then by UserId. <c>Next</c> counts the entries already returned; 0 ends the list.
/// </summary>
internal sealed class QueryBlocklist(IBlocklistStore store) : IActionHandler
{
    public ZimAction Action => ZimAction.QueryBlacklist;

    public bool ReadsBody => true;

    public ZimResponse Reject(int code, string message) => new QueryBlacklistResponse { Code = code, Message = message };

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
            return Reject(ZimCode.FromUserNotRegistered, FromUser.NotRegistered(query.FromUserId));
        }
        return new QueryBlacklistResponse
        {
            Code = ZimCode.Success,
            Message = ZimResponse.SuccessMessage,
            TotalCount = page.TotalCount,
            Next = query.NextAfter(page.Users.Count, page.TotalCount),
            Blacklist = page.Users,
        };
    }
}
