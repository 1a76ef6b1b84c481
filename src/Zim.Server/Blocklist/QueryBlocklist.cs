using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

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
        var (fromText, fromProblem) = parameters.Read("FromUserId");
        var from = fromProblem is null ? FromUser.Check(fromText ?? "") : new FromUser(null, fromProblem);
        var (limit, limitProblem) = parameters.ReadCount("Limit");
        var (skip, nextProblem) = parameters.ReadCount("Next");
        if ((fromText is null && fromProblem is null ? "FromUserId is missing." : from.Problem ?? limitProblem ?? nextProblem) is { } problem)
        {
            return Reject(ZimCode.InvalidParameter, problem);
        }
        var size = limit is null or 0 or > ZimLimits.MaxPage ? ZimLimits.MaxPage : (int)limit;
        var offset = skip ?? 0;
        if (await store.QueryAsync(request.App.AppId, from.Id!, offset, size, cancellationToken) is not { } page)
        {
            return Reject(ZimCode.FromUserNotRegistered, FromUser.NotRegistered(from.Id!));
        }
        var returned = offset + page.Users.Count;
        return new QueryBlacklistResponse
        {
            Code = ZimCode.Success,
            Message = ZimResponse.SuccessMessage,
            TotalCount = page.TotalCount,
            Next = page.Users.Count > 0 && returned < page.TotalCount ? returned : 0,
            Blacklist = page.Users,
        };
    }
}
