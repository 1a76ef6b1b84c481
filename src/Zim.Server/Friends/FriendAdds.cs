using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Friends;

/// <summary>
/// What AddFriends and SendFriendApplication share: <c>FriendInfos</c>, with every per-entry check of section 4
/// in its order (the store decides the last three), and an <c>ErrorList</c> answer whose Code is 660800025 when
/// every failure is an unregistered target.
/// </summary>
internal abstract class FriendAdds(IFriendStore store, TimeProvider clock)
    : FriendListPost<FriendDraft, FriendOutcome[]>(clock)
{
    private static readonly Violation AddingSelf = new(ZimCode.AddingSelf, "This is FromUserId itself: a user cannot be its own friend.");

    protected override string ListName => "FriendInfos";

    protected override bool Objects => true;

    /// <summary>The entry's time fields: FriendTime, or CreateTime and UpdateTime.</summary>
    protected abstract Violation? ReadTimes(JsonElement entry, long now, out long createTime, out long updateTime);

    protected abstract FriendOutcome[] Plan(string owner, List<FriendDraft> drafts, FriendState state, FriendChanges changes, ActionLimits limits);

    protected abstract ZimResponse Answer(int code, string message, List<UserError> errors);

    public override ZimResponse Reject(int code, string message) => Answer(code, message, []);

    protected override Task<FriendOutcome[]?> DecideAsync(uint appId, FriendBody<FriendDraft> body, long now, CancellationToken cancellationToken)
    {
        var drafts = body.Valid;
        return store.ChangeAsync(appId, body.FromUserId, [.. drafts.Select(d => d.UserId)], now,
            (state, changes) => Plan(body.FromUserId, drafts, state, changes, body.Limits), cancellationToken);
    }

    protected override ZimResponse Answer(FriendBody<FriendDraft> body, FriendOutcome[] result)
    {
        var (code, message, errors) = Outcome(body, result, Action == ZimAction.AddFriends ? "added" : "sent an application", allUnregistered: true);
        return Answer(code, message, errors);
    }

    protected override Func<JsonElement, string, string, FriendEntry<FriendDraft>> EntryReader(long now, ActionLimits limits)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return (element, name, from) =>
        {
            var (id, violation) = FriendIds.InObject(element, name);
            if ((violation ?? FriendIds.Check(id, from, AddingSelf, seen)) is { } early)
            {
                return new(id, early, null);
            }
            IReadOnlyList<FriendAttribute> attributes = [];
            long createTime = 0, updateTime = 0;
            violation = FriendFields.ReadTexts(element, out var wording, out var alias)
                ?? FriendFields.ReadAttributes(element, limits.FriendAttributesMaxBytes, out attributes)
                ?? ReadTimes(element, now, out createTime, out updateTime);
            return violation is null
                ? new(id, null, new FriendDraft(id, wording, alias, attributes, createTime, updateTime))
                : new(id, violation, null);
        };
    }
}

/// <summary><c>AddFriends</c>: makes up to 20 registered users friends of <c>FromUserId</c>, both ways, without their consent.</summary>
internal sealed class AddFriends(IFriendStore store, TimeProvider clock) : FriendAdds(store, clock)
{
    public override ZimAction Action => ZimAction.AddFriends;

    protected override Violation? ReadTimes(JsonElement entry, long now, out long createTime, out long updateTime)
    {
        var violation = FriendFields.ReadTime(entry, "FriendTime", now, out createTime);
        updateTime = createTime;
        return violation;
    }

    protected override FriendOutcome[] Plan(string owner, List<FriendDraft> drafts, FriendState state, FriendChanges changes, ActionLimits limits) =>
        FriendPlan.Add(owner, drafts, state, changes, limits.FriendsMax);

    protected override ZimResponse Answer(int code, string message, List<UserError> errors) =>
        new AddFriendsResponse { Code = code, Message = message, ErrorList = errors };
}

/// <summary>
/// <c>SendFriendApplication</c>: up to 20 applications from <c>FromUserId</c>, stored as waiting; a target that
/// still has FromUserId on its list becomes its friend again at once.
/// </summary>
internal sealed class SendFriendApplication(IFriendStore store, TimeProvider clock) : FriendAdds(store, clock)
{
    public override ZimAction Action => ZimAction.SendFriendApplication;

    protected override Violation? ReadTimes(JsonElement entry, long now, out long createTime, out long updateTime)
    {
        var create = FriendFields.ReadTime(entry, "CreateTime", now, out createTime);
        var update = FriendFields.ReadTime(entry, "UpdateTime", now, out updateTime);
        return FriendFields.Earlier(create, update);
    }

    protected override FriendOutcome[] Plan(string owner, List<FriendDraft> drafts, FriendState state, FriendChanges changes, ActionLimits limits) =>
        FriendPlan.Apply(owner, drafts, state, changes, limits.FriendsMax, TimeSpan.FromDays(limits.FriendApplicationDays));

    protected override ZimResponse Answer(int code, string message, List<UserError> errors) =>
        new SendFriendApplicationResponse { Code = code, Message = message, ErrorList = errors };
}
