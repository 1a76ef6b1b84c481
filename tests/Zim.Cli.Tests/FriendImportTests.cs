using System.Text;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim friends import</c> in process, against the in-process server.</summary>
public sealed class FriendImportTests(ZimFactory factory) : IClassFixture<ZimFactory>, IDisposable
{
    private readonly TempDirectory directory = new();
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task RowsAreGroupedByUserIntoBatchesReportedAndNotSentAgainOnASecondRun()
    {
        var (ann, bob) = (Json.NewId(), Json.NewId());
        var friends = Enumerable.Range(0, 45).Select(_ => Json.NewId()).ToArray();
        var client = factory.Client(TestApp.A);
        Assert.Equal(ZimCode.Success, (await client.RegisterUsersAsync([new RegisterUserInfo(ann), new RegisterUserInfo(bob), .. friends.Select(f => new RegisterUserInfo(f))], Token)).Code);
        var unknown = Json.NewId();
        var csv = new StringBuilder("UserId,FriendUserId,FriendAlias\n");
        foreach (var (friend, i) in friends.Select((f, i) => (f, i)))
        {
            csv.Append($"{ann},{friend},\"Friend {i}\"\n");
            if (i < 3)
            {
                csv.Append($"{bob},{friend}\n");
            }
        }
        csv.Append($"{bob},{unknown}\nonly-one-field\n");
        var path = directory.File("friends.csv");
        await File.WriteAllTextAsync(path, csv.ToString(), Token);

        var result = await Cli.RunAsync(factory, TestApp.A, "friends", "import", path);
        Assert.True(result.ExitCode == ExitCodes.Partial, result.Error);
        Assert.Contains("48 friends added, 0 already friends, 2 rejected", result.Out, StringComparison.Ordinal);
        var report = await File.ReadAllLinesAsync(path + ".rejected.csv", Token);
        Assert.Contains(report, line => line.StartsWith($"{unknown},Rejected,660700015,", StringComparison.Ordinal));
        Assert.Equal(45, (await client.QueryFriendListAsync(ann, cancellationToken: Token)).TotalCount);
        var first = (await client.QueryFriendListAsync(ann, limit: 100, cancellationToken: Token)).FriendInfos;
        Assert.Equal("Friend 7", first.Single(f => f.UserId == friends[7]).FriendAlias);
        Assert.Equal(3, (await client.QueryFriendListAsync(bob, cancellationToken: Token)).TotalCount);

        // The journal holds every answered call: a second run sends none of them again.
        Assert.Equal(ZimCode.Success, (await client.DeleteAllFriendsAsync(bob, cancellationToken: Token)).Code);
        var again = await Cli.RunAsync(factory, TestApp.A, "friends", "import", path);
        Assert.Equal(ExitCodes.Partial, again.ExitCode);
        Assert.Equal(0, (await client.QueryFriendListAsync(bob, cancellationToken: Token)).TotalCount);
        var restarted = await Cli.RunAsync(factory, TestApp.A, "friends", "import", path, "--restart");
        Assert.Contains("3 friends added, 45 already friends, 2 rejected", restarted.Out, StringComparison.Ordinal);
        Assert.Equal(3, (await client.QueryFriendListAsync(bob, cancellationToken: Token)).TotalCount);
    }

    [Fact]
    public async Task AHeaderlessFileImportsAndAnUnregisteredUserStopsTheRun()
    {
        var (ann, bob) = (Json.NewId(), Json.NewId());
        await factory.Client(TestApp.A).RegisterUsersAsync([new RegisterUserInfo(ann), new RegisterUserInfo(bob)], Token);
        var path = directory.File("plain.csv");
        await File.WriteAllTextAsync(path, $"{ann},{bob}\n{Json.NewId()},{bob}\n", Token);
        var result = await Cli.RunAsync(factory, TestApp.A, "friends", "import", path);
        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("660500002", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 friends added", result.Out, StringComparison.Ordinal);
    }
}
