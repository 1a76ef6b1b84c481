namespace Zim.Bench;

/// <summary>One row of the report. <see cref="Users"/> counts users registered or found, <see cref="Registered"/> the first only.</summary>
internal sealed record BenchResult(
    string Run,
    int Concurrency,
    double Seconds,
    long Requests,
    long Users,
    long Registered,
    long Failures,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    string Ceiling = BenchResult.WriteCeiling)
{
    /// <summary>The ceiling a run is compared with: the raw writes, or the raw reads.</summary>
    public const string WriteCeiling = "write";
    public const string ReadCeiling = "read";

    /// <summary>Users registered, or found by queries, per second.</summary>
    public double UsersPerSecond => Users / Seconds;

    public double RegisteredPerSecond => Registered / Seconds;
    public double RequestsPerSecond => Requests / Seconds;
}
