using System.CommandLine;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Cli.Commands;

/// <summary><c>zim bots register ID... [--name N] [--avatar URL]</c>: registers bots (UserIds beginning with <c>@RBT#</c>).</summary>
internal static class BotsCommand
{
    public static Command Create(ConnectionOptions connection, CliHost host)
    {
        var ids = new Argument<string[]>("ID") { Description = "Bot UserIds, each beginning with @RBT#", Arity = ArgumentArity.OneOrMore };
        var name = new Option<string>("--name") { Description = "The UserName of every bot registered" };
        var avatar = new Option<string>("--avatar") { Description = "The UserAvatar of every bot registered" };
        var register = new Command("register", "Register bots; bots not registered are named on standard error.") { ids, name, avatar };
        register.SetAction((parsed, cancellationToken) => host.RunBatchesAsync(connection, parsed, parsed.GetValue(ids)!.Chunk(ZimLimits.DefaultRobotBatch),
            async (client, batch, ct) =>
            {
                var answer = await client.RegisterBotsAsync([.. batch.Select(id => new RegisterUserInfo(id, parsed.GetValue(name), parsed.GetValue(avatar)))], ct);
                return (answer, answer.ErrorList);
            }, cancellationToken));
        return new Command("bots", "Register bots.") { register };
    }
}
