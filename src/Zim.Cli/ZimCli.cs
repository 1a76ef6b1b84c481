using System.CommandLine;
using Zim.Cli.Commands;

namespace Zim.Cli;

/// <summary>The <c>zim</c> command tree.</summary>
internal static class ZimCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var connection = new ConnectionOptions();
        var root = new RootCommand("zim: import rosters into a ZIM user API, query and change users, sign calls, make login tokens.")
        {
            new Command("users", "Register, query and change users.")
            {
                ImportCommand.Create(connection, host),
                GetCommand.Create(connection, host),
                SetCommand.Create(connection, host),
            },
            SignCommand.Create(connection, host),
            TokenCommand.Create(connection, host),
        };
        connection.AddTo(root);
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error }, cancellationToken);
    }
}
