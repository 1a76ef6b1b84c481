using Zim.Protocol.Wire;

namespace Zim.Server.Storage;

/// <summary>
/// What a change finds, under its users' locks, about the owner A and each registered target X: the owner's
/// friend count, and per target whether A→X exists (with its attributes), whether X→A exists, and X's count.
/// Unregistered targets are absent (a user that leaves takes its friend rows with it).
/// </summary>
internal sealed record FriendState(long OwnerCount, IReadOnlyDictionary<string, FriendPair> Targets);

/// <summary>A→X's attributes (null when A→X is absent), whether X→A exists, and how many friends X has.</summary>
internal readonly record struct FriendPair(IReadOnlyList<FriendAttribute>? Mine, bool Theirs, long TheirCount)
{
    public bool HasMine => Mine is not null;
}

/// <summary>A friend row to insert: Owner→Friend, with what Owner keeps about Friend.</summary>
internal sealed record FriendRow(string Owner, string Friend, string Alias, IReadOnlyList<FriendAttribute> Attributes, string Wording, long CreatedAt);

/// <summary>A waiting application from the owner to <c>To</c>.</summary>
internal sealed record ApplicationRow(string To, string Wording, string Alias, IReadOnlyList<FriendAttribute> Attributes,
    long CreatedAt, long UpdatedAt, long ExpiresAt);

/// <summary>What one change writes, collected by <see cref="FriendPlan"/> and written by the store in its transaction.</summary>
internal sealed class FriendChanges(long now)
{
    public long Now => now;

    public List<FriendRow> Inserts { get; } = [];

    /// <summary>Rows Owner→Friend to delete.</summary>
    public List<(string Owner, string Friend)> Deletes { get; } = [];

    /// <summary>New aliases of the owner's rows.</summary>
    public List<(string Friend, string Alias)> Aliases { get; } = [];

    /// <summary>New attributes of the owner's rows.</summary>
    public List<(string Friend, IReadOnlyList<FriendAttribute> Attributes)> Attributes { get; } = [];

    /// <summary>Applications to store or refresh.</summary>
    public List<ApplicationRow> Applications { get; } = [];

    /// <summary>Users whose waiting applications with the owner, either way, become accepted.</summary>
    public List<string> Accepts { get; } = [];
}

/// <summary>One page of a friend list, newest first, and how many friends it holds in all.</summary>
internal sealed record FriendPage(long TotalCount, IReadOnlyList<Friend> Friends);

/// <summary>One stored application, its state as stored (1 waiting, 2 accepted).</summary>
internal sealed record ApplicationRecord(string FromUserId, string ToUserId, string Wording, string FriendAlias, int State,
    long CreateTime, long UpdateTime, long ExpireTime);

/// <summary>
/// The friend lists and friend applications of every app's users. Each call is about one owner; a null
/// answer means the owner is not registered, and then nothing changed. A change locks the owner and every
/// registered target (in one fixed order, so that two changes never wait for each other in a circle), reads
/// their <see cref="FriendState"/>, lets the plan decide, and writes what the plan collected in the same
/// transaction, durable before the call returns; a failure writes nothing.
/// </summary>
internal interface IFriendStore
{
    /// <summary>Runs <paramref name="plan"/> on the state of <paramref name="targets"/> (valid, distinct, not the owner) and writes its changes.</summary>
    Task<T?> ChangeAsync<T>(uint appId, string ownerId, IReadOnlyList<string> targets, long now, Func<FriendState, FriendChanges, T> plan,
        CancellationToken cancellationToken)
        where T : class;

    /// <summary>Runs <paramref name="read"/> on the state of <paramref name="targets"/>, without locks or changes.</summary>
    Task<T?> ReadAsync<T>(uint appId, string ownerId, IReadOnlyList<string> targets, Func<FriendState, T> read, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Removes every A→X, and with <paramref name="twoWay"/> every X→A of those X; false when A is not registered.</summary>
    Task<bool> DeleteAllAsync(uint appId, string ownerId, bool twoWay, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> friends after the first <paramref name="skip"/>, newest first, then by UserId.</summary>
    Task<FriendPage?> QueryAsync(uint appId, string ownerId, long skip, int limit, CancellationToken cancellationToken);

    /// <summary>The applications the user sent and received, newest first; null when it is not registered.</summary>
    Task<(IReadOnlyList<ApplicationRecord> Sent, IReadOnlyList<ApplicationRecord> Received)?> ApplicationsAsync(uint appId, string userId,
        CancellationToken cancellationToken);
}
