using System.Text.Json;
using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Friends;

/// <summary>
/// The course AddFriends and SendFriendApplication share: read <c>FriendInfos</c> with every per-entry check
/// of section 4 in its order, let the store decide the rest under the pair's locks, and answer
/// <c>ErrorList</c> (660800025 when every failure is an unregistered target).
/// </summary>
internal abstract class FriendAdds(IFriendStore store, IOptions<ApiOptions> options, TimeProvider clock) : IActionHandler
{
    private static readonly Violation AddingSelf = new(ZimCode.AddingSelf, "This is FromUserId itself: a user cannot be its own friend.");

    public abstract ZimAction Action { get; }

    protected ApiOptions Options => options.Value;

    /// <summary>The entry's time fields: FriendTime, or CreateTime and UpdateTime.</summary>
    protected abstract Violation? ReadTimes(JsonElement entry, long now, out long createTime, out long updateTime);

    protected abstract FriendOutcome[] Plan(string owner, List<FriendDraft> drafts, FriendState state, FriendChanges changes);

    protected abstract ZimResponse Answer(int code, string message, List<UserError> errors);

    public ZimResponse Reject(int code, string message) => Answer(code, message, []);

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (body, code, problem) = FriendBody<FriendDraft>.Read(request.Body, "FriendInfos", Options.FriendBatchMax, typeName: null, objects: true,
            (element, name, from) => ReadEntry(element, name, from, seen, now));
        if (body is null)
        {
            return Reject(code, problem);
        }
        var drafts = body.Valid;
        var outcomes = await store.ChangeAsync(request.App.AppId, body.FromUserId, [.. drafts.Select(d => d.UserId)], now,
            (state, changes) => Plan(body.FromUserId, drafts, state, changes), cancellationToken);
        if (outcomes is null)
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(body.FromUserId);
            return Reject(refusal, sentence);
        }
        var errors = FriendAnswers.Errors(body.Entries, outcomes, Options.FriendsMax, out var succeeded);
        var (answerCode, message) = FriendAnswers.Code(succeeded, errors, Action == ZimAction.AddFriends ? "added" : "sent an application", allUnregistered: true);
        return Answer(answerCode, message, errors);
    }

    private FriendEntry<FriendDraft> ReadEntry(JsonElement element, string name, string from, HashSet<string> seen, long now)
    {
        var (id, violation) = FriendIds.InObject(element, name);
        if ((violation ?? FriendIds.Check(id, from, AddingSelf, seen)) is { } early)
        {
            return new(id, early, null);
        }
        IReadOnlyList<FriendAttribute> attributes = [];
        long createTime = 0, updateTime = 0;
        violation = FriendFields.ReadTexts(element, out var wording, out var alias)
            ?? FriendFields.ReadAttributes(element, Options.FriendAttributesMaxBytes, out attributes)
            ?? ReadTimes(element, now, out createTime, out updateTime);
        return violation is null
            ? new(id, null, new FriendDraft(id, wording, alias, attributes, createTime, updateTime))
            : new(id, violation, null);
    }
}

/// <summary><c>AddFriends</c>: makes up to 20 registered users friends of <c>FromUserId</c>, both ways, without their consent.</summary>
internal sealed class AddFriends(IFriendStore store, IOptions<ApiOptions> options, TimeProvider clock) : FriendAdds(store, options, clock)
{
    public override ZimAction Action => ZimAction.AddFriends;

    protected override Violation? ReadTimes(JsonElement entry, long now, out long createTime, out long updateTime)
    {
        var violation = FriendFields.ReadTime(entry, "FriendTime", now, out createTime);
        updateTime = createTime;
        return violation;
    }

    protected override FriendOutcome[] Plan(string owner, List<FriendDraft> drafts, FriendState state, FriendChanges changes) =>
        FriendPlan.Add(owner, drafts, state, changes, Options.FriendsMax);

    protected override ZimResponse Answer(int code, string message, List<UserError> errors) =>
        new AddFriendsResponse { Code = code, Message = message, ErrorList = errors };
}

/// <summary>
/// <c>SendFriendApplication</c>: up to 20 applications from <c>FromUserId</c>, stored as waiting; a target that
/// still has FromUserId on its list becomes its friend again at once.
/// </summary>
internal sealed class SendFriendApplication(IFriendStore store, IOptions<ApiOptions> options, TimeProvider clock) : FriendAdds(store, options, clock)
{
    public override ZimAction Action => ZimAction.SendFriendApplication;

    protected override Violation? ReadTimes(JsonElement entry, long now, out long createTime, out long updateTime)
    {
        var create = FriendFields.ReadTime(entry, "CreateTime", now, out createTime);
        var update = FriendFields.ReadTime(entry, "UpdateTime", now, out updateTime);
        return FriendFields.Earlier(create, update);
    }

    protected override FriendOutcome[] Plan(string owner, List<FriendDraft> drafts, FriendState state, FriendChanges changes) =>
        FriendPlan.Apply(owner, drafts, state, changes, Options.FriendsMax, TimeSpan.FromDays(Options.FriendApplicationDays));

    protected override ZimResponse Answer(int code, string message, List<UserError> errors) =>
        new SendFriendApplicationResponse { Code = code, Message = message, ErrorList = errors };
}
