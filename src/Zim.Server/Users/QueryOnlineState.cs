using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;

namespace Zim.Server.Users;

/// <summary>
/// <c>QueryUserOnlineState</c> (GET, repeated <c>UserId[]</c>). This server holds no client connections,
/// so no user is online: each goes to ErrorList with 660200001, as the real service answers for users
/// that never logged in.
/// </summary>
internal sealed class QueryOnlineState : IActionHandler
{
    private const string Key = "UserId[]";

    public ZimAction Action => ZimAction.QueryUserOnlineState;

    public ZimResponse Reject(int code, string message) => new QueryUserOnlineStateResponse { Code = code, Message = message };

    public Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var ids = QueryValues.Of(request.Query, Key);
        if (ids.Count == 0)
        {
            return Task.FromResult(Reject(ZimCode.InvalidParameter, $"{Key} is missing: send 1 to {ZimLimits.MaxBatch} keys such as {Key}=a&{Key}=b."));
        }
        if (ids.Count > ZimLimits.MaxBatch)
        {
            return Task.FromResult(Reject(ZimCode.TooManyEntries, $"{Key} holds {ids.Count} ids; the limit is {ZimLimits.MaxBatch}."));
        }

        var errors = new List<UserError>(ids.Count);
        foreach (var (id, problem) in ids)
        {
            // Like a UserId in a body that is not valid Unicode, one that is not UTF-8 is reported as "".
            var violation = problem is null ? UserRules.CheckUserId(id) : new Violation(ZimCode.InvalidParameter, $"This {Key} {problem}.");
            errors.Add(violation is { } v
                ? new UserError(id ?? "", v.SubCode, v.Message)
                : new UserError(id!, ZimCode.UserNotOnline, "User is not online."));
        }
        var (code, message) = BatchOutcome.Of(0, errors, "online");
        return Task.FromResult<ZimResponse>(new QueryUserOnlineStateResponse { Code = code, Message = message, ErrorList = errors });
    }
}
