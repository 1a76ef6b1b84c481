using Zim.Protocol.Rosters;

namespace Zim.Cli.Import;

/// <summary>The report of an import: every user not registered for a reason other than already existing.</summary>
internal static class RejectionReport
{
    public static string PathFor(string input) => input + ".rejected.csv";

    /// <summary>Writes the report, or removes a stale one when there is nothing to report.</summary>
    public static async Task<bool> WriteAsync(string path, IReadOnlyList<ReportLine> lines)
    {
        if (lines.Count == 0)
        {
            File.Delete(path);
            return false;
        }
        await using var writer = new StreamWriter(path, append: false);
        await writer.WriteLineAsync("UserId,Outcome,Code,Reason");
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(string.Join(',', Csv.Field(line.UserId), line.Outcome,
                line.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), Csv.Field(line.Reason)));
        }
        return true;
    }
}

/// <summary>One line of the report.</summary>
internal sealed record ReportLine(string UserId, string Outcome, int Code, string Reason);
