using System.CommandLine;
using Zim.Protocol;

namespace Zim.Cli.Commands;

/// <summary><c>zim sign ACTION</c>: the signed common query parameters of one call, for curl.</summary>
internal static class SignCommand
{
    public static Command Create(ConnectionOptions connection, CliHost host)
    {
        var action = new Argument<string>("ACTION") { Description = $"One of {string.Join(", ", ZimAction.All.Select(a => a.Name))}" };
        var command = new Command("sign", "Print the signed common query parameters of one call (fresh nonce, current time), for debugging with curl.")
        {
            action,
        };
        command.SetAction(parsed =>
        {
            var name = parsed.GetValue(action)!;
            if (ZimAction.Find(name) is not { } zimAction)
            {
                return host.Fail($"'{name}' is not an action; use one of {string.Join(", ", ZimAction.All.Select(a => a.Name))}.");
            }
            if (connection.Credentials(parsed, host, out var error) is not { } credentials)
            {
                return host.Fail(error!);
            }
            var query = ZimSignature.QueryString(zimAction.Name, credentials.AppId, credentials.Secret,
                host.Clock.GetUtcNow().ToUnixTimeSeconds(), ZimSignature.NewNonce());
            host.Out.WriteLine(query);
            var usage = zimAction.Method == "GET"
                ? $"curl \"$ZIM_ENDPOINT/?<parameters>&UserId[]=u1\""
                : $"curl -X POST \"$ZIM_ENDPOINT/?<parameters>\" -H 'Content-Type: application/json' -d '<body>'";
            host.Error.WriteLine($"zim: valid once, within {ZimLimits.TimestampWindowSeconds} s of now. Use as: {usage}");
            return ExitCodes.Success;
        });
        return command;
    }
}
