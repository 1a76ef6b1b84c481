using Microsoft.Extensions.Options;
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
internal sealed class CheckFriends(IFriendStore store, IOptions<ApiOptions> options) : IActionHandler
{
    private static readonly Violation Self = new(ZimCode.InvalidParameter, "This is FromUserId itself: check other users.");

    public ZimAction Action => ZimAction.CheckFriendsRelation;

    public ZimResponse Reject(int code, string message) => new CheckFriendsRelationResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var (body, code, problem) = FriendBody<string>.Read(request.Body, "UserIds", options.Value.FriendBatchMax, "CheckType", objects: false,
            FriendIds.Strings(Self, repeatFails: false));
        if (body is null)
        {
            return Reject(code, problem);
        }
        var targets = body.Valid;
        var relations = await store.ReadAsync(request.App.AppId, body.FromUserId, targets,
            state => targets.Select(target => FriendPlan.Relation(target, state, twoWay: body.Type == 0)).ToArray(), cancellationToken);
        if (relations is null)
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(body.FromUserId);
            return Reject(refusal, sentence);
        }
        var successes = new List<FriendRelation>();
        var outcomes = relations.Select(relation => relation == 0 ? FriendOutcome.NotRegistered : FriendOutcome.Done).ToArray();
        var errors = FriendAnswers.Errors(body.Entries, outcomes, options.Value.FriendsMax, out _);
        var next = 0;
        foreach (var entry in body.Entries.Where(e => e.Violation is null))
        {
            if (relations[next++] is > 0 and var relation)
            {
                successes.Add(new FriendRelation(entry.UserId, relation));
            }
        }
        var (answerCode, message) = BatchOutcome.Of(successes.Count, errors, "checked", "Fails");
        return new CheckFriendsRelationResponse { Code = answerCode, Message = message, Successes = successes, Fails = errors };
    }
}
