using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Friends;

/// <summary>
/// <c>CheckFriendsRelation</c>: the relation of <c>FromUserId</c> with each of up to 20 users (<c>Successes</c>),
/// one-way (<c>CheckType</c> 1: Relation 1 or 2) or two-way (0: 3 to 6); a repeated id is answered again.
/// </summary>
internal sealed class CheckFriends(IFriendStore store, TimeProvider clock)
    : FriendListPost<string, int[]>(clock)
{
    private static readonly Violation Self = new(ZimCode.InvalidParameter, "This is FromUserId itself: check other users.");

    public override ZimAction Action => ZimAction.CheckFriendsRelation;

    protected override string? TypeName => "CheckType";

    public override ZimResponse Reject(int code, string message) => new CheckFriendsRelationResponse { Code = code, Message = message };

    protected override Func<JsonElement, string, string, FriendEntry<string>> EntryReader(long now, ActionLimits limits) => FriendIds.Strings(Self, repeatFails: false);

    protected override Task<int[]?> DecideAsync(uint appId, FriendBody<string> body, long now, CancellationToken cancellationToken)
    {
        var targets = body.Valid;
        return store.ReadAsync(appId, body.FromUserId, targets,
            state => targets.Select(target => FriendPlan.Relation(target, state, twoWay: body.Type == 0)).ToArray(), cancellationToken);
    }

    protected override ZimResponse Answer(FriendBody<string> body, int[] result)
    {
        var outcomes = result.Select(relation => relation == 0 ? FriendOutcome.NotRegistered : FriendOutcome.Done).ToArray();
        var errors = FriendAnswers.Errors(body.Entries, outcomes, body.Limits.FriendsMax, out _);
        var checkedIds = body.Valid;
        var successes = checkedIds.Select((id, i) => new FriendRelation(id, result[i])).Where(r => r.Relation > 0).ToList();
        var (code, message) = BatchOutcome.Of(successes.Count, errors, "checked", "Fails");
        return new CheckFriendsRelationResponse { Code = code, Message = message, Successes = successes, Fails = errors };
    }
}
