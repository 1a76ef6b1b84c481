using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim blocklist add|list|remove</c> and <c>zim bots register</c>, in process against the in-process server.</summary>
public sealed class BlocklistCommandTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BotsAreRegisteredBlockedListedAndUnblocked()
    {
        var owner = Json.NewId();
        await factory.Client(TestApp.A).RegisterUsersAsync([new RegisterUserInfo(owner)], Token);
        var bots = Enumerable.Range(0, 25).Select(_ => "@RBT#" + Json.NewId()[..20]).ToArray();

        var registered = await Cli.RunAsync(factory, TestApp.A, ["bots", "register", .. bots, "--name", "Helper"]);
        Assert.True(registered.ExitCode == ExitCodes.Success, registered.Error);
        var again = await Cli.RunAsync(factory, TestApp.A, "bots", "register", bots[0], "plain");
        Assert.Equal(ExitCodes.Partial, again.ExitCode);
        Assert.Contains("660700002", again.Error, StringComparison.Ordinal);
        Assert.Contains("must begin with @RBT#", (await Cli.RunAsync(factory, TestApp.A, "bots", "register", "plain")).Error, StringComparison.Ordinal);

        var added = await Cli.RunAsync(factory, TestApp.A, ["blocklist", "add", owner, .. bots, owner]);
        Assert.Equal(ExitCodes.Partial, added.ExitCode);
        Assert.Contains("660800038", added.Error, StringComparison.Ordinal);

        var listed = await Cli.RunAsync(factory, TestApp.A, "blocklist", "list", owner);
        Assert.Equal(ExitCodes.Success, listed.ExitCode);
        var users = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize(line, ZimJson.Context.BlockedUser)!).ToList();
        Assert.Equal(bots.Order(StringComparer.Ordinal), users.Select(u => u.UserId).Order(StringComparer.Ordinal));
        Assert.All(users, u => Assert.Equal("Helper", u.UserName));

        Assert.Equal(ExitCodes.Success, (await Cli.RunAsync(factory, TestApp.A, ["blocklist", "remove", owner, .. bots])).ExitCode);
        Assert.Equal("", (await Cli.RunAsync(factory, TestApp.A, "blocklist", "list", owner)).Out);
    }

    [Fact]
    public async Task AnUnregisteredOwnerStopsWithTheServersSentence()
    {
        var result = await Cli.RunAsync(factory, TestApp.A, "blocklist", "add", Json.NewId(), "x");
        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("660500002", result.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Stopped, (await Cli.RunAsync(factory, TestApp.A, "blocklist", "list", Json.NewId())).ExitCode);
    }
}
