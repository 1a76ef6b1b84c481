using System.Text.Json;
using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Friends;

/// <summary>
/// <c>UpdateFriendsAlias</c>: sets <c>FromUserId</c>'s alias for up to 20 of its friends (<c>UserIds</c> holds
/// <c>{UserId, FriendAlias}</c> objects; an absent or empty alias clears it). The failures go to <c>ErrorList</c>.
/// </summary>
internal sealed class UpdateFriendsAlias(IFriendStore store, IOptions<ApiOptions> options, TimeProvider clock) : IActionHandler
{
    public ZimAction Action => ZimAction.UpdateFriendsAlias;

    public ZimResponse Reject(int code, string message) => new UpdateFriendsAliasResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (body, code, problem) = FriendBody<(string UserId, string Alias)>.Read(request.Body, "UserIds", options.Value.FriendBatchMax, typeName: null,
            objects: true, (element, name, _) => ReadEntry(element, name, seen));
        if (body is null)
        {
            return Reject(code, problem);
        }
        var entries = body.Valid;
        var outcomes = await store.ChangeAsync(request.App.AppId, body.FromUserId, [.. entries.Select(e => e.UserId)], clock.GetUtcNow().ToUnixTimeMilliseconds(),
            (state, changes) => FriendPlan.Alias(entries, state, changes), cancellationToken);
        if (outcomes is null)
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(body.FromUserId);
            return Reject(refusal, sentence);
        }
        var errors = FriendAnswers.Errors(body.Entries, outcomes, options.Value.FriendsMax, out var updated);
        var (answerCode, message) = FriendAnswers.Code(updated, errors, "updated");
        return new UpdateFriendsAliasResponse { Code = answerCode, Message = message, ErrorList = errors };
    }

    private static FriendEntry<(string, string)> ReadEntry(JsonElement element, string name, HashSet<string> seen)
    {
        var (id, violation) = FriendIds.InObject(element, name);
        violation ??= FriendIds.Check(id, "", self: null, seen);
        var alias = "";
        violation ??= FriendFields.ReadText(element, "FriendAlias", out alias);
        return new(id, violation, (id, alias));
    }
}
