using System.Text;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage;

/// <summary>What became of one target (or one attribute key) of a friend call.</summary>
internal enum FriendOutcome
{
    Done,
    Applied,
    NotRegistered,
    AlreadyFriend,
    Full,
    NotFriend,
    TooLong,
}

/// <summary>
/// One entry of AddFriends or SendFriendApplication after the handler's checks: the target, what the owner
/// keeps about it, and its times (Unix ms, already resolved: never 0).
/// </summary>
internal sealed record FriendDraft(string UserId, string Wording, string Alias, IReadOnlyList<FriendAttribute> Attributes, long CreateTime, long UpdateTime);

/// <summary>The answer of UpdateFriendAttributes' plan: whether A→B is absent, otherwise each valid key's outcome.</summary>
internal sealed record AttributeResult(bool NotFriend, FriendOutcome[] Keys);

/// <summary>
/// The decisions both stores make the same way, once they have read the <see cref="FriendState"/> of the
/// owner and its targets under their locks; each collects what it decides to write in <see cref="FriendChanges"/>.
/// </summary>
internal static class FriendPlan
{
    /// <summary>AddFriends: A→B, and B→A when absent (same wording and time, no alias or attributes); accepts pending applications.</summary>
    public static FriendOutcome[] Add(string owner, IReadOnlyList<FriendDraft> drafts, FriendState state, FriendChanges changes, int maxFriends) =>
        Each(drafts, state, maxFriends, pair => !pair.Theirs, (draft, pair) =>
        {
            changes.Inserts.Add(new FriendRow(owner, draft.UserId, draft.Alias, draft.Attributes, draft.Wording, draft.CreateTime));
            if (!pair.Theirs)
            {
                changes.Inserts.Add(new FriendRow(draft.UserId, owner, "", [], draft.Wording, draft.CreateTime));
            }
            changes.Accepts.Add(draft.UserId);
            return FriendOutcome.Done;
        });

    /// <summary>
    /// SendFriendApplication: when B→A exists, A→B at once (Done; B's limit counts too, as the contract says);
    /// otherwise a waiting application (Applied) that expires <paramref name="validity"/> after its UpdateTime.
    /// </summary>
    public static FriendOutcome[] Apply(string owner, IReadOnlyList<FriendDraft> drafts, FriendState state, FriendChanges changes, int maxFriends, TimeSpan validity) =>
        Each(drafts, state, maxFriends, pair => pair.Theirs, (draft, pair) =>
        {
            if (!pair.Theirs)
            {
                changes.Applications.Add(new ApplicationRow(draft.UserId, draft.Wording, draft.Alias, draft.Attributes,
                    draft.CreateTime, draft.UpdateTime, draft.UpdateTime + (long)validity.TotalMilliseconds));
                return FriendOutcome.Applied;
            }
            changes.Inserts.Add(new FriendRow(owner, draft.UserId, draft.Alias, draft.Attributes, draft.Wording, draft.CreateTime));
            changes.Accepts.Add(draft.UserId);
            return FriendOutcome.Done;
        });

    /// <summary>
    /// The checks AddFriends and SendFriendApplication share, in the contract's order: registered, A→B absent,
    /// room on A's list (and on B's when <paramref name="targetCounts"/> says it matters); then <paramref name="change"/>.
    /// </summary>
    private static FriendOutcome[] Each(IReadOnlyList<FriendDraft> drafts, FriendState state, int maxFriends, Func<FriendPair, bool> targetCounts,
        Func<FriendDraft, FriendPair, FriendOutcome> change)
    {
        var count = state.OwnerCount;
        return [.. drafts.Select(draft =>
        {
            if (!state.Targets.TryGetValue(draft.UserId, out var pair))
            {
                return FriendOutcome.NotRegistered;
            }
            if (pair.HasMine)
            {
                return FriendOutcome.AlreadyFriend;
            }
            if (count >= maxFriends || (targetCounts(pair) && pair.TheirCount >= maxFriends))
            {
                return FriendOutcome.Full;
            }
            var outcome = change(draft, pair);
            if (outcome == FriendOutcome.Done)
            {
                count++;
            }
            return outcome;
        })];
    }

    /// <summary>DeleteFriends: NotFriend when A→B is absent and, two-way, B→A too; otherwise removes whichever exist.</summary>
    public static FriendOutcome[] Delete(string owner, IReadOnlyList<string> targets, FriendState state, FriendChanges changes, bool twoWay) =>
        [.. targets.Select(target =>
        {
            var pair = state.Targets.GetValueOrDefault(target);
            if (!pair.HasMine && !(twoWay && pair.Theirs))
            {
                return FriendOutcome.NotFriend;
            }
            if (pair.HasMine)
            {
                changes.Deletes.Add((owner, target));
            }
            if (twoWay && pair.Theirs)
            {
                changes.Deletes.Add((target, owner));
            }
            return FriendOutcome.Done;
        })];

    /// <summary>CheckFriendsRelation's Relation (section 9.1's table), or 0 when the target is not registered.</summary>
    public static int Relation(string target, FriendState state, bool twoWay)
    {
        if (!state.Targets.TryGetValue(target, out var pair))
        {
            return 0;
        }
        return twoWay ? (pair.HasMine, pair.Theirs) switch { (false, false) => 3, (true, false) => 4, (false, true) => 5, _ => 6 }
            : pair.HasMine ? 2 : 1;
    }

    /// <summary>UpdateFriendsAlias: NotFriend when A→B is absent; otherwise the alias is set.</summary>
    public static FriendOutcome[] Alias(IReadOnlyList<(string UserId, string Alias)> entries, FriendState state, FriendChanges changes) =>
        [.. entries.Select(entry =>
        {
            if (!state.Targets.GetValueOrDefault(entry.UserId).HasMine)
            {
                return FriendOutcome.NotFriend;
            }
            changes.Aliases.Add((entry.UserId, entry.Alias));
            return FriendOutcome.Done;
        })];

    /// <summary>
    /// UpdateFriendAttributes: upserts each key in request order, unless it would take A→B's stored keys plus
    /// values over <paramref name="maxBytes"/> (TooLong); the others keep their values.
    /// </summary>
    public static AttributeResult Attributes(string friend, IReadOnlyList<FriendAttribute> keys, FriendState state, FriendChanges changes, int maxBytes)
    {
        if (state.Targets.GetValueOrDefault(friend).Mine is not { } stored)
        {
            return new AttributeResult(true, []);
        }
        var values = stored.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var outcomes = keys.Select(key =>
        {
            var before = values.GetValueOrDefault(key.Key);
            values[key.Key] = key.Value;
            if (Bytes(values) <= maxBytes)
            {
                return FriendOutcome.Done;
            }
            if (before is null)
            {
                values.Remove(key.Key);
            }
            else
            {
                values[key.Key] = before;
            }
            return FriendOutcome.TooLong;
        }).ToArray();
        if (outcomes.Contains(FriendOutcome.Done))
        {
            changes.Attributes.Add((friend, Ordered(values)));
        }
        return new AttributeResult(false, outcomes);
    }

    /// <summary>Keys plus values, in UTF-8 bytes.</summary>
    public static int Bytes(IEnumerable<KeyValuePair<string, string>> attributes) =>
        attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value));

    /// <summary>The attributes in key order, k0 to k4.</summary>
    public static IReadOnlyList<FriendAttribute> Ordered(IReadOnlyDictionary<string, string> values) =>
        [.. ZimLimits.FriendAttributeKeys.Where(values.ContainsKey).Select(key => new FriendAttribute(key, values[key]))];
}
