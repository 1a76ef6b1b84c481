namespace Zim.Server.Seed;

/// <summary>What a seed did with each record: registered, already there, or invalid (the first few kept, with their reasons).</summary>
internal sealed class SeedTally
{
    private const int ReasonsKept = 5;
    private readonly List<string> reasons = [];

    public long Registered { get; private set; }
    public long AlreadyThere { get; private set; }
    public long Invalid { get; private set; }

    /// <summary>The store's answer for a batch: true for each user it inserted.</summary>
    public void Stored(bool[] inserted)
    {
        var count = inserted.Count(i => i);
        Registered += count;
        AlreadyThere += inserted.Length - count;
    }

    /// <summary>A record whose UserId came earlier in the same batch: the first one decides, as in one UserRegister call.</summary>
    public void Repeated() => AlreadyThere++;

    /// <summary>A record that is not a valid user, with the reason (<c>"line N: ..."</c>).</summary>
    public void Skipped(string reason)
    {
        Invalid++;
        if (reasons.Count < ReasonsKept)
        {
            reasons.Add(reason);
        }
    }

    /// <summary>Why the first few invalid records were refused.</summary>
    public IReadOnlyList<string> FirstReasons => reasons;

    /// <summary>The first reasons, for the summary line; empty when every record was valid.</summary>
    public string InvalidReasons => Invalid == 0
        ? ""
        : $" ({string.Join("; ", reasons)}{(Invalid > reasons.Count ? $"; {Invalid - reasons.Count} more" : "")})";
}
