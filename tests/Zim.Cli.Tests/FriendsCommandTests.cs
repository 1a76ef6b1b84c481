using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim friends add|list|delete</c>, in process against the in-process server.</summary>
public sealed class FriendsCommandTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FriendsAreAddedInBatchesListedPageByPageAndDeleted()
    {
        var owner = Json.NewId();
        var friends = Enumerable.Range(0, 130).Select(_ => Json.NewId()).ToArray();
        foreach (var chunk in friends.Prepend(owner).Chunk(100))
        {
            Assert.Equal(ZimCode.Success, (await factory.Client(TestApp.A).RegisterUsersAsync([.. chunk.Select(id => new RegisterUserInfo(id))], Token)).Code);
        }

        var added = await Cli.RunAsync(factory, TestApp.A, ["friends", "add", owner, .. friends, owner, "--wording", "hello"]);
        Assert.True(added.ExitCode == ExitCodes.Partial, added.Error);
        Assert.Contains("660800020", added.Error, StringComparison.Ordinal);

        var listed = await Cli.RunAsync(factory, TestApp.A, "friends", "list", owner);
        Assert.Equal(ExitCodes.Success, listed.ExitCode);
        var lines = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize(line, ZimJson.Context.Friend)!).ToList();
        Assert.Equal(friends.Order(StringComparer.Ordinal), lines.Select(f => f.UserId).Order(StringComparer.Ordinal));
        Assert.All(lines, f => Assert.Equal("hello", f.Wording));

        Assert.Equal(ExitCodes.Success, (await Cli.RunAsync(factory, TestApp.A, ["friends", "delete", owner, .. friends[..100], "--one-way"])).ExitCode);
        Assert.Equal(30, (await Cli.RunAsync(factory, TestApp.A, "friends", "list", owner)).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Single((await Cli.RunAsync(factory, TestApp.A, "friends", "list", friends[0])).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(ExitCodes.Success, (await Cli.RunAsync(factory, TestApp.A, ["friends", "delete", owner, .. friends[100..]])).ExitCode);
        Assert.Equal("", (await Cli.RunAsync(factory, TestApp.A, "friends", "list", friends[129])).Out);
        var again = await Cli.RunAsync(factory, TestApp.A, "friends", "delete", owner, friends[0], "--one-way");
        Assert.Equal(ExitCodes.Partial, again.ExitCode);
        Assert.Contains("660800034", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnregisteredUserStopsWithTheServersSentence()
    {
        var result = await Cli.RunAsync(factory, TestApp.A, "friends", "add", Json.NewId(), "x");
        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("660500002", result.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Stopped, (await Cli.RunAsync(factory, TestApp.A, "friends", "list", Json.NewId())).ExitCode);
    }
}
