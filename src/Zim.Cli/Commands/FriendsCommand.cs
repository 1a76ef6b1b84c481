using System.CommandLine;
using System.Text.Json;
using Zim.Cli.Import;
using Zim.Client;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Cli.Commands;

/// <summary><c>zim friends add|delete FROM ID...</c> and <c>zim friends list FROM</c>: one user's friend list.</summary>
internal static class FriendsCommand
{
    public static Command Create(ConnectionOptions connection, CliHost host) =>
        new("friends", "Add and delete friends of one user, and list its friends.")
        {
            Add(connection, host),
            Delete(connection, host),
            List(connection, host),
            Import(connection, host),
        };

    private static Command Import(ConnectionOptions connection, CliHost host)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A CSV of UserId,FriendUserId[,FriendAlias] rows (header optional)" };
        var report = new Option<FileInfo>("--report") { Description = "Where to write the friends not added (default: FILE.rejected.csv)" };
        var restart = new Option<bool>("--restart") { Description = "Forget the journal of an earlier run of this import and start over" };
        var batchSize = new Option<int>("--batch-size") { Description = "Friends per AddFriends call, 1 to 20", DefaultValueFactory = _ => ZimLimits.DefaultFriendBatch };
        var command = new Command("import",
            "Add every friendship of a file, both ways, one AddFriends call per user and batch. Re-running the same command after an " +
            "interruption continues where it stopped: answered calls are kept in FILE.zim-journal.")
        {
            file, report, restart, batchSize,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var input = parsed.GetValue(file)!;
            if (!input.Exists)
            {
                return host.Fail($"{input.FullName} does not exist.");
            }
            if (parsed.GetValue(batchSize) is < 1 or > ZimLimits.DefaultFriendBatch)
            {
                return host.Fail($"--batch-size must be 1 to {ZimLimits.DefaultFriendBatch}.");
            }
            if (connection.Client(parsed, host, out var error) is not { } options)
            {
                return host.Fail(error!);
            }
            if (parsed.GetValue(restart))
            {
                File.Delete(ImportJournal.PathFor(input.FullName));
            }
            var reportPath = parsed.GetValue(report)?.FullName ?? RejectionReport.PathFor(input.FullName);
            return await new FriendImport(host, input.FullName, reportPath, parsed.GetValue(batchSize), options).RunAsync(cancellationToken);
        });
        return command;
    }

    private static Command Add(ConnectionOptions connection, CliHost host)
    {
        var from = new Argument<string>("FROM") { Description = "The user whose friends they become (both ways)" };
        var ids = new Argument<string[]>("ID") { Description = "The users to add", Arity = ArgumentArity.OneOrMore };
        var wording = new Option<string>("--wording") { Description = "The greeting stored with each friendship", DefaultValueFactory = _ => "" };
        var command = new Command("add", "Add friends to FROM, both ways; users not added are named on standard error.") { from, ids, wording };
        // The server's default batch; a server with a larger one takes these as they come.
        command.SetAction((parsed, cancellationToken) => host.RunBatchesAsync(connection, parsed, parsed.GetValue(ids)!.Chunk(ZimLimits.DefaultFriendBatch),
            async (client, batch, ct) =>
            {
                var answer = await client.AddFriendsAsync(parsed.GetValue(from)!, [.. batch.Select(id => new FriendInfo(id, parsed.GetValue(wording)!))], ct);
                return ((ZimResponse)answer, answer.ErrorList);
            }, cancellationToken));
        return command;
    }

    private static Command Delete(ConnectionOptions connection, CliHost host)
    {
        var from = new Argument<string>("FROM") { Description = "The user whose friends to delete" };
        var ids = new Argument<string[]>("ID") { Description = "The friends to delete", Arity = ArgumentArity.OneOrMore };
        var oneWay = new Option<bool>("--one-way") { Description = "Delete them from FROM's list only (they keep FROM on theirs)" };
        var command = new Command("delete", "Delete friends of FROM, both ways unless --one-way; users not deleted are named on standard error.") { from, ids, oneWay };
        command.SetAction((parsed, cancellationToken) => host.RunBatchesAsync(connection, parsed, parsed.GetValue(ids)!.Chunk(ZimLimits.DefaultFriendBatch),
            async (client, batch, ct) =>
            {
                var answer = await client.DeleteFriendsAsync(parsed.GetValue(from)!, batch, twoWay: !parsed.GetValue(oneWay), ct);
                return ((ZimResponse)answer, answer.ErrorList);
            }, cancellationToken));
        return command;
    }

    private static Command List(ConnectionOptions connection, CliHost host) =>
        host.ListCommand(connection, "Print FROM's friends as JSON lines, newest first.", "The user whose friends to print", "QueryFriendList",
            async (client, from, next, ct) =>
            {
                var page = await client.QueryFriendListAsync(from, next: next, cancellationToken: ct);
                return (page, page.Next, page.FriendInfos.Select(friend => JsonSerializer.Serialize(friend, ZimJson.Context.Friend)));
            });
}
