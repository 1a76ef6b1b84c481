namespace Zim.Bench;

/// <summary>The raw ceilings of one run: writes (rows/s) and reads (users found/s), each the higher of two measurements.</summary>
internal sealed record Ceilings(IReadOnlyList<double> Writes, IReadOnlyList<double> Reads, double KibPerRow)
{
    public double Write => Writes.Max();

    public double Read => Reads.Count == 0 ? double.NaN : Reads.Max();

    /// <summary>The ceiling <paramref name="result"/> is compared with.</summary>
    public double For(BenchResult result) => result.Ceiling == BenchResult.ReadCeiling ? Read : Write;
}
