using System.CommandLine;
using System.Text.Json;
using Zim.Client;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Cli.Commands;

/// <summary><c>zim blocklist add|remove FROM ID...</c> and <c>zim blocklist list FROM</c>: one user's blocklist.</summary>
internal static class BlocklistCommand
{
    public static Command Create(ConnectionOptions connection, CliHost host) =>
        new("blocklist", "Block and unblock users for one user, and list whom it has blocked.")
        {
            Change(connection, host, "add", "Block users for FROM; users not blocked are named on standard error.",
                AddAsync),
            Change(connection, host, "remove", "Unblock users for FROM; users not unblocked are named on standard error.",
                RemoveAsync),
            List(connection, host),
        };

    private static async Task<(ZimResponse, IReadOnlyList<UserError>)> AddAsync(ZimClient client, string from, string[] ids, CancellationToken cancellationToken)
    {
        var answer = await client.AddUsersToBlacklistAsync(from, ids, cancellationToken);
        return (answer, answer.ErrList);
    }

    private static async Task<(ZimResponse, IReadOnlyList<UserError>)> RemoveAsync(ZimClient client, string from, string[] ids, CancellationToken cancellationToken)
    {
        var answer = await client.RemoveUsersFromBlacklistAsync(from, ids, cancellationToken);
        return (answer, answer.ErrList);
    }

    private static Command Change(ConnectionOptions connection, CliHost host, string name, string description,
        Func<ZimClient, string, string[], CancellationToken, Task<(ZimResponse Answer, IReadOnlyList<UserError> Errors)>> call)
    {
        var from = new Argument<string>("FROM") { Description = "The user whose blocklist it is" };
        var ids = new Argument<string[]>("ID") { Description = "The users to block or unblock", Arity = ArgumentArity.OneOrMore };
        var command = new Command(name, description) { from, ids };
        // The server's default batch; a server with a larger one takes these as they come.
        command.SetAction((parsed, cancellationToken) => host.RunBatchesAsync(connection, parsed, parsed.GetValue(ids)!.Chunk(ZimLimits.DefaultBlocklistBatch),
            (client, batch, ct) => call(client, parsed.GetValue(from)!, batch, ct), cancellationToken));
        return command;
    }

    private static Command List(ConnectionOptions connection, CliHost host) =>
        host.ListCommand(connection, "Print the users FROM has blocked as JSON lines, newest first.", "The user whose blocklist to print", "QueryBlacklist",
            async (client, from, next, ct) =>
            {
                var page = await client.QueryBlacklistAsync(from, next: next, cancellationToken: ct);
                return (page, page.Next, page.Blacklist.Select(user => JsonSerializer.Serialize(user, ZimJson.Context.BlockedUser)));
            });
}
