using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Client.Tests;

/// <summary>The blocklist actions and RobotRegister through the typed client, against the server in process.</summary>
public sealed class BlocklistClientTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private readonly ZimClient client = factory.Client(TestApp.A);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABotIsBlockedCheckedListedPageByPageAndUnblocked()
    {
        var (owner, other) = (Json.NewId(), Json.NewId());
        var bot = "@RBT#" + Json.NewId()[..20];
        Assert.Equal(ZimCode.Success, (await client.RegisterUsersAsync([new RegisterUserInfo(owner), new RegisterUserInfo(other)], Token)).Code);
        var bots = await client.RegisterBotsAsync([new RegisterUserInfo(bot, "Helper")], Token);
        Assert.Equal(ZimCode.Success, bots.Code);
        Assert.Empty(bots.ErrorList);

        var added = await client.AddUsersToBlacklistAsync(owner, [bot, other, owner], Token);
        Assert.Equal(ZimCode.Success, added.Code);
        Assert.Equal([(owner, ZimCode.BlockingSelf)], added.ErrList.Select(e => (e.UserId, e.SubCode)));

        var check = await client.CheckUsersIsInBlacklistAsync(owner, [bot, owner], Token);
        Assert.Equal([new BlacklistCheck(bot, 1), new BlacklistCheck(owner, 0)], check.Succ);

        var first = await client.QueryBlacklistAsync(owner, limit: 1, cancellationToken: Token);
        Assert.Equal((2L, 1L), (first.TotalCount, first.Next));
        var second = await client.QueryBlacklistAsync(owner, limit: 1, next: first.Next, cancellationToken: Token);
        Assert.Equal(0, second.Next);
        var listed = first.Blacklist.Concat(second.Blacklist).ToList();
        Assert.Equal(new[] { bot, other }.Order(StringComparer.Ordinal), listed.Select(b => b.UserId));
        Assert.Equal("Helper", listed.Single(b => b.UserId == bot).UserName);

        var removed = await client.RemoveUsersFromBlacklistAsync(owner, [bot, bot], Token);
        Assert.Equal([(bot, ZimCode.AlreadyUnblocked)], removed.ErrList.Select(e => (e.UserId, e.SubCode)));
        Assert.Equal(ZimCode.UnblockingFailed, (await client.RemoveUsersFromBlacklistAsync(owner, [bot], Token)).Code);
    }
}
