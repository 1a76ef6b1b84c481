using Zim.Protocol.Wire;

namespace Zim.Client.Bulk;

/// <summary>What became of one user of a bulk registration.</summary>
public enum OutcomeKind
{
    /// <summary>Registered by this run.</summary>
    Registered,
    /// <summary>Already registered in the app, or earlier in the same input (660700002); not an error.</summary>
    AlreadyRegistered,
    /// <summary>Refused, locally or by the server, for a reason in the user's data.</summary>
    Rejected,
    /// <summary>Not registered because the call failed after every retry, or was never sent because the run stopped.</summary>
    Failed,
}

/// <summary>The outcome of one user: the code (0, a SubCode, or the call's Code) and the reason.</summary>
public sealed record UserOutcome(RegisterUserInfo User, OutcomeKind Kind, int Code, string Reason);

/// <summary>
/// The outcome of one batch: every user of it, in input order. <paramref name="Index"/> numbers the batches of
/// valid users from 0 in input order, so the same input always makes the same batches.
/// </summary>
public sealed record BatchReport(long Index, IReadOnlyList<UserOutcome> Outcomes);

/// <summary>Counts of users by outcome.</summary>
public sealed record BulkTally(long Registered, long AlreadyRegistered, long Rejected, long Failed, long Skipped)
{
    /// <summary>Every user read, including those of batches skipped as done by an earlier run.</summary>
    public long Total => Registered + AlreadyRegistered + Rejected + Failed + Skipped;
}

/// <summary>The end of a bulk registration: the tally, and why it stopped early if it did.</summary>
public sealed record BulkResult(BulkTally Tally, string? StoppedBecause)
{
    /// <summary>True when every user was read and none failed.</summary>
    public bool Complete => StoppedBecause is null && Tally.Failed == 0;
}
