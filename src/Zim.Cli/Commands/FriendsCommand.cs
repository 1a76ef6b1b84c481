using System.CommandLine;
using System.Text.Json;
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
        };

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
