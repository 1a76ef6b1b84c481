using System.CommandLine;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;

namespace Zim.Cli.Commands;

/// <summary><c>zim users set ID --name/--avatar/--extra</c>: change one user; options left out stay as they are.</summary>
internal static class SetCommand
{
    public static Command Create(ConnectionOptions connection, CliHost host)
    {
        var id = new Argument<string>("ID") { Description = "The UserId to change" };
        var name = new Option<string>("--name") { Description = "New UserName (\"\" clears it)" };
        var avatar = new Option<string>("--avatar") { Description = "New UserAvatar URL (\"\" clears it)" };
        var extra = new Option<string>("--extra") { Description = "New Extra, up to 2048 bytes (\"\" clears it)" };
        var command = new Command("set", "Change a user's name, avatar or extra data; what is not given stays unchanged.") { id, name, avatar, extra };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var change = new UserInfoChange(parsed.GetValue(id)!, parsed.GetValue(name), parsed.GetValue(avatar), parsed.GetValue(extra));
            if (change is { UserName: null, UserAvatar: null, Extra: null })
            {
                return host.Fail("Nothing to change: give --name, --avatar or --extra.");
            }
            if (UserRules.CheckChange(change) is { } violation)
            {
                return host.Fail($"{change.UserId}: {violation.Message} ({violation.SubCode})", ExitCodes.Partial);
            }
            if (connection.Client(parsed, host, out var error) is not { } options)
            {
                return host.Fail(error!);
            }
            ModifyUserInfoResponse answer;
            try
            {
                answer = await host.NewClient(options).ModifyUserInfoAsync([change], cancellationToken);
            }
            catch (Exception exception) when (CommandSupport.IsServiceFailure(exception))
            {
                return host.Fail(exception.Message, ExitCodes.Stopped);
            }
            if (answer.ErrorList.Count > 0)
            {
                var refused = answer.ErrorList[0];
                return host.Fail($"{refused.UserId}: {refused.SubMessage} ({refused.SubCode})", ExitCodes.Partial);
            }
            if (answer.Code != ZimCode.Success)
            {
                return host.Fail($"ModifyUserInfo failed with {answer.Code}: {answer.Message}", ExitCodes.Stopped);
            }
            host.Out.WriteLine($"modified {change.UserId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
