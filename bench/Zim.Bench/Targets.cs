using System.Globalization;
using System.Text;

namespace Zim.Bench;

/// <summary>
/// The performance targets, as ratios within one run (never absolute figures: the machines are shared,
/// and a run's own ceiling moves with them).
/// </summary>
internal static class Targets
{
    public sealed record Outcome(string Target, string Measured, bool Met);

    public static IReadOnlyList<Outcome> Check(Ceilings ceilings, IReadOnlyList<BenchResult> results, IReadOnlyDictionary<string, double> peakRssMb)
    {
        var checks = new List<Outcome>();
        var register16 = results.FirstOrDefault(r => r.Run == "register" && r.Concurrency == 16);
        if (register16 is not null)
        {
            var ratio = register16.UsersPerSecond / ceilings.Write;
            checks.Add(new("registration at 16 callers >= 1.2x the write ceiling", Ratio(ratio), ratio >= 1.2));
            if (results.FirstOrDefault(r => r.Run.StartsWith("register, ", StringComparison.Ordinal)) is { } large)
            {
                var kept = large.UsersPerSecond / register16.UsersPerSecond;
                checks.Add(new($"{large.Run} >= 0.8x the empty store", Ratio(kept), kept >= 0.8));
            }
            if (results.FirstOrDefault(r => r.Run.StartsWith("mixed", StringComparison.Ordinal)) is { } mixed)
            {
                // Users registered only: the queries' own users would flatter it.
                var share = mixed.RegisteredPerSecond / register16.UsersPerSecond;
                checks.Add(new("mixed run (half queries): users registered >= 0.6x registration alone at 16 callers", Ratio(share), share >= 0.6));
            }
        }
        if (results.FirstOrDefault(r => r.Ceiling == BenchResult.ReadCeiling && r.Concurrency == 16) is { } query)
        {
            var ratio = query.UsersPerSecond / ceilings.Read;
            checks.Add(new("queries only at 16 callers >= 2.0x the read ceiling", Ratio(ratio), ratio >= 2.0));
        }
        if (results.FirstOrDefault(r => r.Concurrency == 0) is { } open)
        {
            checks.Add(new("p99 at 100 requests/s < 20 ms", string.Create(CultureInfo.InvariantCulture, $"{open.P99Ms:0.0} ms"), open.P99Ms < 20));
        }
        if (peakRssMb.Count > 0)
        {
            var peak = peakRssMb.Values.Max();
            checks.Add(new("server peak RSS < 300 MB", string.Create(CultureInfo.InvariantCulture, $"{peak:0} MB"), peak < 300));
        }
        return checks;
    }

    public static string Markdown(Ceilings ceilings, IReadOnlyList<BenchResult> results, IReadOnlyDictionary<string, double> peakRssMb)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("|---|---:|---|");
        foreach (var check in Check(ceilings, results, peakRssMb))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {check.Target} | {check.Measured} | {(check.Met ? "yes" : "**no**")} |");
        }
        return text.ToString();
    }

    private static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x");
}
