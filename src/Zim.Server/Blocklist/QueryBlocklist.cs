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

    public Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken) =>
        PageQuery.AnswerAsync(request, query => store.QueryAsync(request.App.AppId, query.FromUserId, query.Offset, query.Size, cancellationToken),
            (query, page) => new QueryBlacklistResponse
            {
                Code = ZimCode.Success,
                Message = ZimResponse.SuccessMessage,
                TotalCount = page.TotalCount,
                Next = query.NextAfter(page.Users.Count, page.TotalCount),
                Blacklist = page.Users,
            }, Reject);
}
