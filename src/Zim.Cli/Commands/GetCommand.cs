using System.CommandLine;
using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Cli.Commands;

/// <summary><c>zim users get ID... | --file ids.txt</c>: profiles as JSON lines, in the order asked.</summary>
internal static class GetCommand
{
    private const int InFlight = 8;

    public static Command Create(ConnectionOptions connection, CliHost host)
    {
        var ids = new Argument<string[]>("ID") { Description = "UserIds to look up", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<FileInfo>("--file") { Description = "A file of UserIds, one a line (blank lines and lines starting with # are skipped)" };
        var command = new Command("get", "Print the profiles of users as JSON lines; unknown users are named on standard error.") { ids, file };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var wanted = parsed.GetValue(ids) ?? [];
            var listFile = parsed.GetValue(file);
            if (wanted.Length == 0 && listFile is null)
            {
                return host.Fail("Name at least one UserId, or --file with one UserId a line.");
            }
            if (listFile is { Exists: false })
            {
                return host.Fail($"{listFile.FullName} does not exist.");
            }
            if (connection.Client(parsed, host, out var error) is not { } options)
            {
                return host.Fail(error!);
            }
            var all = listFile is null ? wanted : wanted.Concat(ReadIds(listFile.FullName));
            var client = host.NewClient(options);
            var missing = 0;
            var pending = new Queue<Task<QueryUserInfosResponse>>();
            // Prints answers in the order asked until at most `keep` calls are in flight; false when one failed as a whole.
            async Task<bool> PrintUntilAsync(int keep)
            {
                while (pending.Count > keep)
                {
                    if (Print(host, await pending.Dequeue()) is not { } notFound)
                    {
                        return false;
                    }
                    missing += notFound;
                }
                return true;
            }
            try
            {
                // Up to InFlight calls at once; the client paces them.
                foreach (var chunk in all.Chunk(ZimLimits.MaxBatch))
                {
                    pending.Enqueue(client.QueryUserInfosAsync(chunk, cancellationToken));
                    if (!await PrintUntilAsync(InFlight - 1))
                    {
                        return ExitCodes.Stopped;
                    }
                }
                if (!await PrintUntilAsync(0))
                {
                    return ExitCodes.Stopped;
                }
            }
            catch (Exception exception) when (CommandSupport.IsServiceFailure(exception))
            {
                return host.Fail(exception.Message, ExitCodes.Stopped);
            }
            return missing == 0 ? ExitCodes.Success : ExitCodes.Partial;
        });
        return command;
    }

    private static IEnumerable<string> ReadIds(string path) =>
        File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'));

    /// <summary>Prints the found profiles; returns how many were not found, or null when the call failed as a whole.</summary>
    private static int? Print(CliHost host, QueryUserInfosResponse answer)
    {
        if (answer.Code != ZimCode.Success && answer.ErrorList.Count == 0)
        {
            host.Fail($"QueryUserInfos failed with {answer.Code}: {answer.Message}", ExitCodes.Stopped);
            return null;
        }
        foreach (var profile in answer.Result)
        {
            host.Out.WriteLine(JsonSerializer.Serialize(profile, ZimJson.Context.UserProfile));
        }
        foreach (var error in answer.ErrorList)
        {
            host.Error.WriteLine($"zim: {error.UserId}: {error.SubMessage} ({error.SubCode})");
        }
        return answer.ErrorList.Count;
    }
}
