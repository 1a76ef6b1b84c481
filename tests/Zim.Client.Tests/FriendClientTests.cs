using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Client.Tests;

/// <summary>The eight friend actions through the typed client, against the server in process.</summary>
public sealed class FriendClientTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private readonly ZimClient client = factory.Client(TestApp.A);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FriendsAreAddedListedCheckedChangedAndDeletedThroughTheClient()
    {
        var (a, b, c) = (Json.NewId(), Json.NewId(), Json.NewId());
        Assert.Equal(ZimCode.Success, (await client.RegisterUsersAsync([new RegisterUserInfo(a), new RegisterUserInfo(b, "Bob"), new RegisterUserInfo(c)], Token)).Code);
        var at = factory.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 1000;
        var added = await client.AddFriendsAsync(a, [new FriendInfo(b, "hi", "Bobby", at, [new FriendAttribute("k1", "x")]), new FriendInfo(a)], Token);
        Assert.Equal(ZimCode.Success, added.Code);
        Assert.Equal([(a, ZimCode.AddingSelf)], added.ErrorList.Select(e => (e.UserId, e.SubCode)));

        var page = await client.QueryFriendListAsync(a, cancellationToken: Token);
        Assert.Equal((1L, 0L), (page.TotalCount, page.Next));
        var friend = page.FriendInfos[0];
        Assert.Equal((b, "Bob", "", "hi", "Bobby", at), (friend.UserId, friend.UserName, friend.Avatar, friend.Wording, friend.FriendAlias, friend.CreateTime));
        Assert.Equal([new FriendAttribute("k1", "x")], page.FriendInfos[0].Attributes);

        var relation = await client.CheckFriendsRelationAsync(a, [b, c], cancellationToken: Token);
        Assert.Equal([new FriendRelation(b, 6), new FriendRelation(c, 3)], relation.Successes);
        Assert.Equal([new FriendRelation(b, 2)], (await client.CheckFriendsRelationAsync(a, [b], twoWay: false, Token)).Successes);

        Assert.Empty((await client.UpdateFriendsAliasAsync(a, [new FriendAliasUpdate(b, "B")], Token)).ErrorList);
        var attributes = await client.UpdateFriendAttributesAsync(a, b, [new FriendAttribute("k0", "y"), new FriendAttribute("k9", "z")], Token);
        Assert.Equal([new KeyError("k9", ZimCode.AttributeKeyInvalid, attributes.FailKey[0].SubMessage)], attributes.FailKey);
        var changed = (await client.QueryFriendListAsync(a, cancellationToken: Token)).FriendInfos[0];
        Assert.Equal(("B", "k0,k1"), (changed.FriendAlias, string.Join(',', changed.Attributes.Select(x => x.Key))));

        var applied = await client.SendFriendApplicationAsync(a, [new FriendApplicationInfo(c, "hello")], Token);
        Assert.Equal(ZimCode.Success, applied.Code);
        Assert.Empty(applied.ErrorList);

        var deleted = await client.DeleteFriendsAsync(a, [b], twoWay: false, Token);
        Assert.Equal(ZimCode.Success, deleted.Code);
        Assert.Equal(1, (await client.QueryFriendListAsync(b, cancellationToken: Token)).TotalCount);
        Assert.Equal(ZimCode.Success, (await client.DeleteAllFriendsAsync(b, cancellationToken: Token)).Code);
        Assert.Equal(0, (await client.QueryFriendListAsync(b, cancellationToken: Token)).TotalCount);
        Assert.Equal(ZimCode.FromUserNotRegistered, (await client.DeleteAllFriendsAsync(Json.NewId(), cancellationToken: Token)).Code);
    }
}
