using System.Globalization;
using Zim.Client.Bulk;

namespace Zim.Cli.Import;

/// <summary><c>--dry-run</c>: every local check of a real import, and no call.</summary>
internal static class DryRun
{
    public static async Task<int> RunAsync(CliHost host, ImportSettings settings, CancellationToken cancellationToken)
    {
        var screen = new UserScreen(settings.UserNameMaxBytes);
        var report = new List<ReportLine>();
        long valid = 0, repeated = 0;
        await foreach (var row in settings.Input.ReadAsync(cancellationToken))
        {
            if (row.User is null)
            {
                report.Add(new ReportLine("", nameof(OutcomeKind.Rejected), Protocol.ZimCode.InvalidParameter, row.Problem!));
                host.Out.WriteLine(row.Problem);
            }
            else if (screen.Check(row.User) is { } outcome)
            {
                host.Out.WriteLine($"line {row.Line}: {row.User.UserId}: {outcome.Reason} ({outcome.Code})");
                if (outcome.Kind == OutcomeKind.Rejected)
                {
                    report.Add(new ReportLine(row.User.UserId, outcome.Kind.ToString(), outcome.Code, $"line {row.Line}: {outcome.Reason}"));
                }
                else
                {
                    repeated++;
                }
            }
            else
            {
                valid++;
            }
        }
        var wrote = await RejectionReport.WriteAsync(settings.ReportPath, report);
        host.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dry run of {Path.GetFileName(settings.Input.Path)}: {valid:N0} users would be sent, {report.Count:N0} rejected, {repeated:N0} repeated in the file. Nothing was called."));
        if (wrote)
        {
            host.Error.WriteLine($"zim: rejected users: {settings.ReportPath}");
        }
        return report.Count == 0 ? ExitCodes.Success : ExitCodes.Partial;
    }
}
