namespace Zim.Server.Storage;

/// <summary>What became of one target of a blocklist call.</summary>
internal enum BlockOutcome
{
    Added,
    Removed,
    Blocked,
    NotBlocked,
    NotRegistered,
    AlreadyBlocked,
    Full,
    AlreadyRemoved,
}

/// <summary>One page of a blocklist, newest first, and how many users it holds in all.</summary>
internal sealed record BlocklistPage(long TotalCount, IReadOnlyList<Protocol.Wire.BlockedUser> Users);

/// <summary>
/// The blocklists of every app's users. Each call is about one owner; a null answer means the owner is not
/// registered, and then nothing changed. Writes are one transaction, durable before the call returns, and
/// the calls on one owner's list are serialised, so that its limit and duplicates are decided exactly.
/// Targets are valid UserIds other than the owner, possibly repeated; outcomes come back in their order.
/// </summary>
internal interface IBlocklistStore
{
    /// <summary>Blocks each target: Added, NotRegistered, AlreadyBlocked (also by an earlier target) or Full.</summary>
    Task<BlockOutcome[]?> AddAsync(uint appId, string ownerId, IReadOnlyList<string> targets, int maxBlocked, CancellationToken cancellationToken);

    /// <summary>Unblocks each target: Removed, AlreadyRemoved (by an earlier target) or NotBlocked.</summary>
    Task<BlockOutcome[]?> RemoveAsync(uint appId, string ownerId, IReadOnlyList<string> targets, CancellationToken cancellationToken);

    /// <summary>For each target: Blocked, NotBlocked or NotRegistered.</summary>
    Task<BlockOutcome[]?> CheckAsync(uint appId, string ownerId, IReadOnlyList<string> targets, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> blocked users after the first <paramref name="skip"/>, newest first, then by UserId.</summary>
    Task<BlocklistPage?> QueryAsync(uint appId, string ownerId, long skip, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// The decisions both stores make the same way, once they have read, under the owner's lock, which targets
/// are registered and which the owner has blocked already.
/// </summary>
internal static class BlockPlan
{
    public static BlockOutcome[] Add(IReadOnlyList<string> targets, IReadOnlySet<string> registered, IReadOnlySet<string> blocked,
        long count, int maxBlocked, List<string> toInsert)
    {
        var outcomes = new BlockOutcome[targets.Count];
        var now = new HashSet<string>(blocked, StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (!registered.Contains(target))
            {
                outcomes[i] = BlockOutcome.NotRegistered;
            }
            else if (now.Contains(target))
            {
                outcomes[i] = BlockOutcome.AlreadyBlocked;
            }
            else if (count >= maxBlocked)
            {
                outcomes[i] = BlockOutcome.Full;
            }
            else
            {
                now.Add(target);
                toInsert.Add(target);
                count++;
                outcomes[i] = BlockOutcome.Added;
            }
        }
        return outcomes;
    }

    public static BlockOutcome[] Remove(IReadOnlyList<string> targets, IReadOnlySet<string> blocked, List<string> toDelete)
    {
        var outcomes = new BlockOutcome[targets.Count];
        var removed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            outcomes[i] = removed.Contains(targets[i]) ? BlockOutcome.AlreadyRemoved
                : blocked.Contains(targets[i]) ? BlockOutcome.Removed
                : BlockOutcome.NotBlocked;
            if (outcomes[i] == BlockOutcome.Removed)
            {
                removed.Add(targets[i]);
                toDelete.Add(targets[i]);
            }
        }
        return outcomes;
    }

    public static BlockOutcome[] Check(IReadOnlyList<string> targets, IReadOnlySet<string> registered, IReadOnlySet<string> blocked) =>
        targets.Select(target => !registered.Contains(target) ? BlockOutcome.NotRegistered
            : blocked.Contains(target) ? BlockOutcome.Blocked
            : BlockOutcome.NotBlocked).ToArray();
}
