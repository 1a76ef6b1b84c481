using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Friends;

/// <summary>
/// <c>DeleteAllFriends</c> (GET <c>FromUserId</c>, <c>DeleteType</c>): empties FromUserId's list at once, and with
/// DeleteType 0 also takes FromUserId off the lists of those friends; users it does not have are not touched.
/// </summary>
internal sealed class DeleteAllFriends(IFriendStore store) : IActionHandler
{
    public ZimAction Action => ZimAction.DeleteAllFriends;

    public bool ReadsBody => true;

    public ZimResponse Reject(int code, string message) => new() { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        using var parameters = new GetParameters(request.Query, request.Body);
        var from = FromUser.Read(parameters);
        var (type, typeProblem) = parameters.ReadCount("DeleteType");
        var problem = from.Problem ?? typeProblem
            ?? (type is 0 or 1 ? null : type is null ? "DeleteType is missing: send 0 (two-way) or 1 (one-way)." : $"DeleteType must be 0 (two-way) or 1 (one-way), not {type}.");
        if (problem is not null)
        {
            return Reject(ZimCode.InvalidParameter, problem);
        }
        if (!await store.DeleteAllAsync(request.App.AppId, from.Id!, twoWay: type == 0, cancellationToken))
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(from.Id!);
            return Reject(refusal, sentence);
        }
        return new ZimResponse { Code = ZimCode.Success, Message = ZimResponse.SuccessMessage };
    }
}
