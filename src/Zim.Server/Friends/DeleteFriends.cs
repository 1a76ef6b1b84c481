using Microsoft.Extensions.Options;
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
internal sealed class DeleteFriends(IFriendStore store, IOptions<ApiOptions> options, TimeProvider clock) : IActionHandler
{
    private static readonly Violation DeletingSelf = new(ZimCode.DeletingSelf, "This is FromUserId itself: a user cannot delete itself as a friend.");

    public ZimAction Action => ZimAction.DeleteFriends;

    public ZimResponse Reject(int code, string message) => new DeleteFriendsResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var (body, code, problem) = FriendBody<string>.Read(request.Body, "UserIds", options.Value.FriendBatchMax, "DeleteType", objects: false,
            FriendIds.Strings(DeletingSelf, repeatFails: true));
        if (body is null)
        {
            return Reject(code, problem);
        }
        var targets = body.Valid;
        var outcomes = await store.ChangeAsync(request.App.AppId, body.FromUserId, targets, clock.GetUtcNow().ToUnixTimeMilliseconds(),
            (state, changes) => FriendPlan.Delete(body.FromUserId, targets, state, changes, twoWay: body.Type == 0), cancellationToken);
        if (outcomes is null)
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(body.FromUserId);
            return Reject(refusal, sentence);
        }
        var errors = FriendAnswers.Errors(body.Entries, outcomes, options.Value.FriendsMax, out var deleted);
        var (answerCode, message) = FriendAnswers.Code(deleted, errors, "deleted");
        return new DeleteFriendsResponse { Code = answerCode, Message = message, ErrorList = errors };
    }
}
