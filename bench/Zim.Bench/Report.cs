using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Zim.Bench;

/// <summary>The results as a Markdown table and as JSON.</summary>
internal static class Report
{
    public static string Machine() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");

    public static string Markdown(BenchOptions options, Ceilings ceilings, IReadOnlyList<BenchResult> results,
        IReadOnlyDictionary<string, double> peakRssMb, IReadOnlyDictionary<string, Usage> usage)
    {
        var ceiling = ceilings.Write;
        var sqlite = options.Store == "sqlite";
        var text = new StringBuilder();
        var store = options.Store == "postgres" ? $"PostgreSQL, {options.Instances} instance(s)" : "SQLite (WAL, every answer after its rows are synced to disk)";
        text.AppendLine(CultureInfo.InvariantCulture, $"Store: {store}. Machine: {Machine()}. {options.Duration.TotalSeconds:0} s per run; load generator on the same machine.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Raw write ceiling (100 rows per transaction straight through the provider, same schema{(sqlite ? ", synchronous=NORMAL: the loop does not wait for the disk; every server answer does" : "")}): **{ceiling:N0} rows/s** (the higher of {Both(ceilings.Writes)}, measured before and after the server runs){(sqlite ? $"; it wrote {ceilings.KibPerRow:0.0} KiB to disk per row" : "")}.");
        text.AppendLine();
        if (ceilings.Reads.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Raw read ceiling (one connection, 100 point lookups per read transaction, {options.QueryStore:N0} users stored): **{ceilings.Read:N0} users/s** (the higher of {Both(ceilings.Reads)}). Query runs are compared with it, every other run with the write ceiling.");
            text.AppendLine();
        }
        text.AppendLine("Users/s counts users registered, or found by queries.");
        text.AppendLine();
        text.AppendLine("| run | concurrency | users/s | requests/s | p50 ms | p95 ms | p99 ms | server/ceiling | failed calls | server peak RSS MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var concurrency = r.Concurrency == 0 ? "open loop" : r.Concurrency.ToString(CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Run} | {concurrency} | {r.UsersPerSecond:N0} | {r.RequestsPerSecond:N0} | {r.P50Ms:0.0} | {r.P95Ms:0.0} | {r.P99Ms:0.0} | {r.UsersPerSecond / ceilings.For(r):0.00}x | {r.Failures} | {peakRssMb.GetValueOrDefault(r.Run + r.Concurrency):0} |");
        }
        text.AppendLine();
        // PostgreSQL's own processes do its writing; only the server's and the load generator's CPU are ours.
        text.AppendLine(sqlite
            ? "Where the time went (CPU in % of one core; the writer and WAL-sync threads are part of the server):"
            : "Where the time went (CPU in % of one core; PostgreSQL's own processes not counted):");
        text.AppendLine();
        text.AppendLine(sqlite
            ? "| run | concurrency | server CPU % | SQLite writer thread % | WAL sync thread % | load generator CPU % | KiB written to disk per user |"
            : "| run | concurrency | server CPU % | load generator CPU % |");
        text.AppendLine(sqlite ? "|---|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|");
        foreach (var r in results)
        {
            var u = usage.GetValueOrDefault(r.Run + r.Concurrency);
            if (u is null)
            {
                continue;
            }
            var concurrency = r.Concurrency == 0 ? "open loop" : r.Concurrency.ToString(CultureInfo.InvariantCulture);
            text.AppendLine(sqlite
                ? string.Create(CultureInfo.InvariantCulture, $"| {r.Run} | {concurrency} | {u.ServerCpu:0} | {u.WriterCpu:0} | {u.SyncCpu:0} | {u.BenchCpu:0} | {u.KibPerUser:0.0} |")
                : string.Create(CultureInfo.InvariantCulture, $"| {r.Run} | {concurrency} | {u.ServerCpu:0} | {u.BenchCpu:0} |"));
        }
        text.AppendLine();
        text.Append(Targets.Markdown(ceilings, results, peakRssMb));
        return text.ToString();
    }

    private static string Both(IReadOnlyList<double> values) => string.Join(" and ", values.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)));

    public static string Json(BenchOptions options, Ceilings ceilings, IReadOnlyList<BenchResult> results,
        IReadOnlyDictionary<string, double> peakRssMb, IReadOnlyDictionary<string, Usage> usage) =>
        JsonSerializer.Serialize(new
        {
            options.Store,
            options.Instances,
            Machine = Machine(),
            DurationSeconds = options.Duration.TotalSeconds,
            CeilingRowsPerSecond = ceilings.Write,
            CeilingMeasurements = ceilings.Writes,
            ReadCeilingUsersPerSecond = ceilings.Read,
            ReadCeilingMeasurements = ceilings.Reads,
            Runs = results.Select(r => new
            {
                r.Run,
                r.Concurrency,
                r.Seconds,
                r.Requests,
                r.Users,
                r.Registered,
                r.Ceiling,
                r.UsersPerSecond,
                r.RequestsPerSecond,
                r.P50Ms,
                r.P95Ms,
                r.P99Ms,
                r.Failures,
                RatioToCeiling = r.UsersPerSecond / ceilings.For(r),
                PeakRssMb = peakRssMb.GetValueOrDefault(r.Run + r.Concurrency),
                Usage = usage.GetValueOrDefault(r.Run + r.Concurrency),
            }),
            Targets = Targets.Check(ceilings, results, peakRssMb),
        }, new JsonSerializerOptions { WriteIndented = true });
}
