using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Blocklist;

/// <summary>
/// <c>CheckUsersIsInBlacklist</c>: for up to 20 users, whether <c>FromUserId</c> has blocked them (<c>Succ</c>,
/// Result 1 or 0); FromUserId itself is answered 0 and a repeated id answered again.
/// </summary>
internal sealed class CheckBlocklist(IBlocklistStore store) : BlocklistPost()
{
    public override ZimAction Action => ZimAction.CheckUsersIsInBlacklist;

    protected override bool SelfFails => false;

    public override ZimResponse Reject(int code, string message) => new CheckUsersIsInBlacklistResponse { Code = code, Message = message };

    protected override Task<BlockOutcome[]?> DecideAsync(uint appId, ActionLimits limits, BlocklistBody body, CancellationToken cancellationToken) =>
        store.CheckAsync(appId, body.FromUserId, body.Targets, cancellationToken);

    protected override ZimResponse Answer(ActionLimits limits, BlocklistBody body, BlockOutcome[] outcomes)
    {
        var succ = new List<BlacklistCheck>();
        var errors = body.Errors(outcomes,
            (id, outcome) => outcome == BlockOutcome.NotRegistered ? NotRegistered(id) : null,
            (id, outcome) => succ.Add(new BlacklistCheck(id, outcome == BlockOutcome.Blocked ? 1 : 0)));
        var (code, message) = BatchOutcome.Of(succ.Count, errors, "checked", "ErrList");
        return new CheckUsersIsInBlacklistResponse { Code = code, Message = message, Succ = succ, ErrList = errors };
    }
}
