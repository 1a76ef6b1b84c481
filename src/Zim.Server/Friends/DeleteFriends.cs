using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Friends;

/// <summary>
/// <c>DeleteFriends</c>: removes up to 20 friends of <c>FromUserId</c>; <c>DeleteType</c> 1 only from its list,
/// 0 both ways (whichever directions exist). The failures go to <c>ErrorList</c>.
/// </summary>
internal sealed class DeleteFriends(IFriendStore store, TimeProvider clock)
    : FriendListPost<string, FriendOutcome[]>(clock)
{
    private static readonly Violation DeletingSelf = new(ZimCode.DeletingSelf, "This is FromUserId itself: a user cannot delete itself as a friend.");

    public override ZimAction Action => ZimAction.DeleteFriends;

    protected override string? TypeName => "DeleteType";

    public override ZimResponse Reject(int code, string message) => new DeleteFriendsResponse { Code = code, Message = message };

    protected override Func<JsonElement, string, string, FriendEntry<string>> EntryReader(long now, ActionLimits limits) => FriendIds.Strings(DeletingSelf, repeatFails: true);

    protected override Task<FriendOutcome[]?> DecideAsync(uint appId, FriendBody<string> body, long now, CancellationToken cancellationToken)
    {
        var targets = body.Valid;
        return store.ChangeAsync(appId, body.FromUserId, targets, now,
            (state, changes) => FriendPlan.Delete(body.FromUserId, targets, state, changes, twoWay: body.Type == 0), cancellationToken);
    }

    protected override ZimResponse Answer(FriendBody<string> body, FriendOutcome[] result)
    {
        var (code, message, errors) = Outcome(body, result, "deleted");
        return new DeleteFriendsResponse { Code = code, Message = message, ErrorList = errors };
    }
}
