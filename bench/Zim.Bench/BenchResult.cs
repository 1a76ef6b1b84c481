namespace Zim.Bench;

/// <summary>One row of the report.</summary>
internal sealed record BenchResult(
    string Run,
    int Concurrency,
    double Seconds,
    long Requests,
    long UsersRegistered,
    long Failures,
    double P50Ms,
    double P95Ms,
    double P99Ms)
{
    public double UsersPerSecond => UsersRegistered / Seconds;
    public double RequestsPerSecond => Requests / Seconds;
}
