using System.CommandLine;
using Zim.Cli.Import;
using Zim.Protocol;
using Zim.Protocol.Rosters;

namespace Zim.Cli.Commands;

/// <summary><c>zim users import FILE</c>: register every user of a CSV or JSON Lines file, resumably.</summary>
internal static class ImportCommand
{
    public static Command Create(ConnectionOptions connection, CliHost host)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A CSV (header UserId,UserName,UserAvatar in any order) or JSON Lines file of users" };
        var format = new Option<string>("--format") { Description = "csv or jsonl (default: from the file's extension)" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every user locally and print what would fail; call nothing" };
        var report = new Option<FileInfo>("--report") { Description = "Where to write the rejected users (default: FILE.rejected.csv)" };
        var restart = new Option<bool>("--restart") { Description = "Forget the journal of an earlier run of this import and start over" };
        var batchSize = new Option<int>("--batch-size") { Description = "Users per call, 1 to 100", DefaultValueFactory = _ => ZimLimits.MaxBatch };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight at once", DefaultValueFactory = _ => 8 };
        var nameLimit = new Option<int>("--name-max-bytes")
        {
            Description = "The server's UserName limit in bytes (64 by default; the real service allows 256)",
            DefaultValueFactory = _ => ZimLimits.DefaultUserNameMaxBytes,
        };
        var command = new Command("import",
            "Register every user of a file. Re-running the same command after an interruption continues where it stopped: " +
            "answered batches are kept in FILE.zim-journal.")
        {
            file, format, dryRun, report, restart, batchSize, concurrency, nameLimit,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var input = parsed.GetValue(file)!;
            if (!input.Exists)
            {
                return host.Fail($"{input.FullName} does not exist.");
            }
            if (RosterFile.FormatOf(input.Name, parsed.GetValue(format)) is not { } fileFormat)
            {
                return host.Fail($"Cannot tell the format of {input.Name} from its extension: pass --format csv or --format jsonl.");
            }
            var size = parsed.GetValue(batchSize);
            if (size is < 1 or > ZimLimits.MaxBatch || parsed.GetValue(concurrency) < 1 || parsed.GetValue(nameLimit) < 1)
            {
                return host.Fail($"--batch-size must be 1 to {ZimLimits.MaxBatch}; --concurrency and --name-max-bytes at least 1.");
            }
            var users = new RosterFile(input.FullName, fileFormat);
            if (await users.CheckAsync(cancellationToken) is { } problem)
            {
                return host.Fail(problem);
            }
            var settings = new ImportSettings(users, parsed.GetValue(report)?.FullName ?? RejectionReport.PathFor(input.FullName),
                size, parsed.GetValue(concurrency), parsed.GetValue(nameLimit));
            if (parsed.GetValue(dryRun))
            {
                return await DryRun.RunAsync(host, settings, cancellationToken);
            }
            if (connection.Client(parsed, host, out var error) is not { } options)
            {
                return host.Fail(error!);
            }
            var journalPath = ImportJournal.PathFor(input.FullName);
            if (parsed.GetValue(restart))
            {
                File.Delete(journalPath);
            }
            return await new ImportRun(host, settings, options, journalPath).RunAsync(cancellationToken);
        });
        return command;
    }
}
