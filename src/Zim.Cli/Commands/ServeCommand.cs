using System.CommandLine;
using Zim.Server;

namespace Zim.Cli.Commands;

/// <summary>
/// <c>zim serve [--ephemeral] [--Key=value ...] [--urls URL]</c>: the server itself (the same host as
/// <c>dotnet run --project src/Zim.Server</c>), with every setting of the README as an environment variable
/// or an argument.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliHost host)
    {
        var ephemeral = new Option<bool>("--ephemeral")
        {
            Description = "A store that lives only as long as the process, the well-known development app and admin token, loopback only; "
                + "prints ZIM_ENDPOINT=... ZIM_APP_ID=... ZIM_SERVER_SECRET=... ZIM_ADMIN_TOKEN=... once it listens.",
        };
        var command = new Command("serve", "Run the ZIM user API server until Ctrl+C. Settings: environment variables "
            + "(Storage__Provider=Postgres) or arguments (--Storage:Provider=Postgres, --urls http://127.0.0.1:9000).")
        {
            ephemeral,
        };
        // Everything else on the line is the server's own configuration.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parsed, cancellationToken) =>
        {
            string[] args = [.. parsed.UnmatchedTokens, .. parsed.GetValue(ephemeral) ? new[] { "--Ephemeral=true" } : []];
            return await ZimServerHost.RunAsync(args, host.Out, host.Error, cancellationToken);
        });
        return command;
    }
}
