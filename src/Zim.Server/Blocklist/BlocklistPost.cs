using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Blocklist;

/// <summary>
/// The course the three blocklist POSTs share: read the body (whole-call failures first), let the store
/// decide each valid target under the owner's lock, answer 660500002 when the owner is not registered, and
/// otherwise build the answer from the outcomes.
/// </summary>
internal abstract class BlocklistPost() : IActionHandler
{
    public abstract ZimAction Action { get; }

    /// <summary>Whether an entry equal to FromUserId fails (660800038) rather than being looked at.</summary>
    protected abstract bool SelfFails { get; }

    public abstract ZimResponse Reject(int code, string message);

    protected abstract Task<BlockOutcome[]?> DecideAsync(uint appId, ActionLimits limits, BlocklistBody body, CancellationToken cancellationToken);

    protected abstract ZimResponse Answer(ActionLimits limits, BlocklistBody body, BlockOutcome[] outcomes);

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var (body, code, problem) = BlocklistBody.Read(request.Body, request.Limits.BlocklistBatchMax, SelfFails);
        if (body is null)
        {
            return Reject(code, problem);
        }
        return await DecideAsync(request.App.AppId, request.Limits, body, cancellationToken) is { } outcomes
            ? Answer(request.Limits, body, outcomes)
            : Reject(ZimCode.FromUserNotRegistered, FromUser.NotRegistered(body.FromUserId));
    }

    protected static UserError NotRegistered(string userId) => new(userId, ZimCode.QueryUserNotFound, "User is not registered in this app.");
}
