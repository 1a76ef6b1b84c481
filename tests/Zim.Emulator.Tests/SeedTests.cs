using System.Net;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Emulator.Tests;

public sealed class SeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedUsersOfTheOptionsAreThereWhenStartReturns()
    {
        var options = new ZimEmulatorOptions();
        options.SeedUsers.Add(new RegisterUserInfo("t1", "Teacher"));
        options.SeedUsers.Add(new RegisterUserInfo("s1", "Student", "https://example.com/s1.png"));

        await using var zim = await ZimEmulator.StartAsync(options, Ct);

        var found = await zim.CreateClient().QueryUserInfosAsync(["t1", "s1"], Ct);
        Assert.Equal(["Teacher", "Student"], found.Result.Select(u => u.UserName));
        Assert.Equal("https://example.com/s1.png", found.Result[1].UserAvatar);
    }

    [Fact]
    public async Task SeedingCountsNewStoredAndInvalidUsersAndLeavesStoredOnesAsTheyWere()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);
        await zim.SeedUsersAsync([new RegisterUserInfo("kept", "Original")], cancellationToken: Ct);

        var seeded = await zim.SeedUsersAsync(
            [new RegisterUserInfo("kept", "Changed"), new RegisterUserInfo("new", "New"), new RegisterUserInfo("bad id!", "Bad")], cancellationToken: Ct);

        Assert.Equal((1, 1, 1), (seeded.Registered, seeded.AlreadyThere, seeded.Invalid));
        Assert.StartsWith("user 3:", Assert.Single(seeded.Reasons), StringComparison.Ordinal);
        var kept = await zim.CreateClient().QueryUserInfosAsync(["kept"], Ct);
        Assert.Equal("Original", Assert.Single(kept.Result).UserName);
    }

    [Fact]
    public async Task ThousandsOfSeedUsersTakeOneCallAndNoRateLimit()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);

        var seeded = await zim.SeedUsersAsync(Enumerable.Range(0, 25_000).Select(i => new RegisterUserInfo($"u{i}", $"User {i}")), cancellationToken: Ct);

        Assert.Equal(25_000, seeded.Registered);
        var last = await zim.CreateClient().QueryUserInfosAsync(["u24999"], Ct);
        Assert.Equal("User 24999", Assert.Single(last.Result).UserName);
    }

    [Fact]
    public async Task SeedingAnAppTheEmulatorDoesNotServeIsRefusedWithTheReason()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => zim.SeedUsersAsync([new RegisterUserInfo("u")], appId: 7, cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.NotFound, refusal.StatusCode);
        Assert.Contains("No app 7 is served here", refusal.Message, StringComparison.Ordinal);
        Assert.NotEqual(7u, ZimDevelopment.AppId);
    }
}
