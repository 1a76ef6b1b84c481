using System.CommandLine;
using Zim.Client.Tokens;

namespace Zim.Cli.Commands;

/// <summary><c>zim token USERID</c>: a ZIM login token (Token04, AES-GCM) for one user of the app.</summary>
internal static class TokenCommand
{
    public static Command Create(ConnectionOptions connection, CliHost host)
    {
        var userId = new Argument<string>("USERID") { Description = "The user who logs in with the token" };
        var expires = new Option<long>("--expires")
        {
            Description = "Seconds the token stays valid",
            DefaultValueFactory = _ => 3600,
        };
        var payload = new Option<string>("--payload") { Description = "The token's optional payload (for RTC room privileges)", DefaultValueFactory = _ => "" };
        var command = new Command("token", "Print a ZIM login token (Token04, AES-GCM) for a user of the app.") { userId, expires, payload };
        command.SetAction(parsed =>
        {
            var seconds = parsed.GetValue(expires);
            var user = parsed.GetValue(userId)!;
            if (seconds <= 0 || seconds > int.MaxValue)
            {
                return host.Fail($"--expires must be from 1 to {int.MaxValue} seconds.");
            }
            if (user.Length == 0)
            {
                return host.Fail("USERID is empty.");
            }
            if (connection.Credentials(parsed, host, out var error) is not { } credentials)
            {
                return host.Fail(error!);
            }
            host.Out.WriteLine(ZimToken.Generate04(credentials.AppId, credentials.Secret, user,
                TimeSpan.FromSeconds(seconds), parsed.GetValue(payload)!, host.Clock));
            return ExitCodes.Success;
        });
        return command;
    }
}
