using System.CommandLine;
using Zim.Cli.Admin;
using Zim.Cli.Commands;

namespace Zim.Cli;

/// <summary>The <c>zim</c> command tree.</summary>
internal static class ZimCli
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var connection = new ConnectionOptions();
        var admin = new AdminConnection(connection);
        var root = new RootCommand("zim: import rosters into a ZIM user API, query and change users, sign calls, make login tokens.")
        {
            new Command("users", "Register, query and change users.")
            {
                ImportCommand.Create(connection, host),
                GetCommand.Create(connection, host),
                SetCommand.Create(connection, host),
                ExportCommand.Create(connection, admin, host),
            },
            FriendsCommand.Create(connection, host),
            BlocklistCommand.Create(connection, host),
            BotsCommand.Create(connection, host),
            ServeCommand.Create(host),
            AppsCommand.Create(admin, host),
            FaultsCommand.Create(connection, admin, host),
            RequestsCommand.Create(connection, admin, host),
            ResetCommand(admin, host),
            SignCommand.Create(connection, host),
            TokenCommand.Create(connection, host),
            SessionsCommand.Login(connection, admin, host),
            SessionsCommand.Sessions(connection, admin, host),
        };
        connection.AddTo(root);
        root.Add(admin.Token);
        // No response files: bot UserIds begin with '@', which would otherwise name a file to read arguments from.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error }, cancellationToken);
    }

    private static Command ResetCommand(AdminConnection admin, CliHost host)
    {
        var reset = new Command("reset", "Reset the server for a clean test run: every app's users, used nonces, rate windows, request log and faults; the apps stay (needs ZIM_ADMIN_TOKEN).");
        reset.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Post, "/admin/api/reset", null, ct));
        return reset;
    }
}
