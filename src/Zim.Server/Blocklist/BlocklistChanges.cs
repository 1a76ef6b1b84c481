using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Blocklist;

/// <summary><c>AddUsersToBlacklist</c>: blocks up to 20 registered users for <c>FromUserId</c>; the failures go to <c>ErrList</c>.</summary>
internal sealed class AddToBlocklist(IBlocklistStore store) : BlocklistPost()
{
    public override ZimAction Action => ZimAction.AddUsersToBlacklist;

    protected override bool SelfFails => true;

    public override ZimResponse Reject(int code, string message) => new AddUsersToBlacklistResponse { Code = code, Message = message };

    protected override Task<BlockOutcome[]?> DecideAsync(uint appId, ActionLimits limits, BlocklistBody body, CancellationToken cancellationToken) =>
        store.AddAsync(appId, body.FromUserId, body.Targets, limits.BlockedUsersMax, cancellationToken);

    protected override ZimResponse Answer(ActionLimits limits, BlocklistBody body, BlockOutcome[] outcomes)
    {
        var added = 0;
        var errors = body.Errors(outcomes, (id, outcome) => outcome switch
        {
            BlockOutcome.NotRegistered => NotRegistered(id),
            BlockOutcome.AlreadyBlocked => new UserError(id, ZimCode.AlreadyBlocked, "User is already on FromUserId's blocklist."),
            BlockOutcome.Full => new UserError(id, ZimCode.BlocklistFull, $"FromUserId's blocklist is full: it holds {limits.BlockedUsersMax} users, the limit."),
            _ => null,
        }, (_, _) => added++);
        var (code, message) = BlocklistBody.Aggregate(added, errors, ZimCode.BlockingFailed, "blocked");
        return new AddUsersToBlacklistResponse { Code = code, Message = message, ErrList = errors };
    }
}

/// <summary><c>RemoveUsersFromBlacklist</c>: unblocks up to 20 users for <c>FromUserId</c>; the failures go to <c>ErrList</c>.</summary>
internal sealed class RemoveFromBlocklist(IBlocklistStore store) : BlocklistPost()
{
    public override ZimAction Action => ZimAction.RemoveUsersFromBlacklist;

    protected override bool SelfFails => true;

    public override ZimResponse Reject(int code, string message) => new RemoveUsersFromBlacklistResponse { Code = code, Message = message };

    protected override Task<BlockOutcome[]?> DecideAsync(uint appId, ActionLimits limits, BlocklistBody body, CancellationToken cancellationToken) =>
        store.RemoveAsync(appId, body.FromUserId, body.Targets, cancellationToken);

    protected override ZimResponse Answer(ActionLimits limits, BlocklistBody body, BlockOutcome[] outcomes)
    {
        var removed = 0;
        var errors = body.Errors(outcomes, (id, outcome) => outcome switch
        {
            BlockOutcome.AlreadyRemoved => new UserError(id, ZimCode.AlreadyUnblocked, "User was already removed by an earlier entry of this request."),
            BlockOutcome.NotBlocked => new UserError(id, ZimCode.NotBlocked, "User is not on FromUserId's blocklist."),
            _ => null,
        }, (_, _) => removed++);
        var (code, message) = BlocklistBody.Aggregate(removed, errors, ZimCode.UnblockingFailed, "unblocked");
        return new RemoveUsersFromBlacklistResponse { Code = code, Message = message, ErrList = errors };
    }
}
