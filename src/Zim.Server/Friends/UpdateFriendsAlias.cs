using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Friends;

/// <summary>
/// <c>UpdateFriendsAlias</c>: sets <c>FromUserId</c>'s alias for up to 20 of its friends (<c>UserIds</c> holds
/// <c>{UserId, FriendAlias}</c> objects; an absent or empty alias clears it). The failures go to <c>ErrorList</c>.
/// </summary>
internal sealed class UpdateFriendsAlias(IFriendStore store, TimeProvider clock)
    : FriendListPost<(string UserId, string Alias), FriendOutcome[]>(clock)
{
    public override ZimAction Action => ZimAction.UpdateFriendsAlias;

    protected override bool Objects => true;

    public override ZimResponse Reject(int code, string message) => new UpdateFriendsAliasResponse { Code = code, Message = message };

    protected override Func<JsonElement, string, string, FriendEntry<(string UserId, string Alias)>> EntryReader(long now, ActionLimits limits)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return (element, name, _) =>
        {
            var (id, violation) = FriendIds.InObject(element, name);
            violation ??= FriendIds.Check(id, "", self: null, seen);
            var alias = "";
            violation ??= FriendFields.ReadText(element, "FriendAlias", out alias);
            return new(id, violation, (id, alias));
        };
    }

    protected override Task<FriendOutcome[]?> DecideAsync(uint appId, FriendBody<(string UserId, string Alias)> body, long now, CancellationToken cancellationToken)
    {
        var entries = body.Valid;
        return store.ChangeAsync(appId, body.FromUserId, [.. entries.Select(e => e.UserId)], now,
            (state, changes) => FriendPlan.Alias(entries, state, changes), cancellationToken);
    }

    protected override ZimResponse Answer(FriendBody<(string UserId, string Alias)> body, FriendOutcome[] result)
    {
        var (code, message, errors) = Outcome(body, result, "updated");
        return new UpdateFriendsAliasResponse { Code = code, Message = message, ErrorList = errors };
    }
}
