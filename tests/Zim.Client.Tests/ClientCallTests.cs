using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Client.Tests;

/// <summary>The four actions through the typed client, against the server in process.</summary>
public sealed class ClientCallTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private readonly ZimClient client = factory.Client(TestApp.A);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegisteredUsersCanBeQueriedModifiedAndAreNotOnline()
    {
        var id = Json.NewId();
        var registered = await client.RegisterUsersAsync([new RegisterUserInfo(id, "Ann", "https://a.example/ann.png")], Token);
        Assert.Equal(ZimCode.Success, registered.Code);
        Assert.Empty(registered.ErrorList);

        var modified = await client.ModifyUserInfoAsync([new UserInfoChange(id, UserName: "Anna", Extra: "{\"class\":\"4b\"}")], Token);
        Assert.Equal(ZimCode.Success, modified.Code);

        var queried = await client.QueryUserInfosAsync([id, "nobody-" + id[..8]], Token);
        Assert.Equal(ZimCode.Success, queried.Code);
        Assert.Equal(new UserProfile(id, "Anna", "https://a.example/ann.png", "{\"class\":\"4b\"}"), Assert.Single(queried.Result));
        Assert.Equal(ZimCode.QueryUserNotFound, Assert.Single(queried.ErrorList).SubCode);

        var online = await client.QueryUserOnlineStateAsync([id, "x&y=z"], Token);
        Assert.Equal([id, "x&y=z"], online.ErrorList.Select(e => e.UserId));
        Assert.All(online.ErrorList, e => Assert.Equal(ZimCode.UserNotOnline, e.SubCode));
    }

    [Fact]
    public async Task EveryCallIsSignedWithAFreshNonce()
    {
        // The server refuses a nonce it has seen; two calls in the same second of its clock both pass.
        var first = await client.QueryUserInfosAsync(["x"], Token);
        var second = await client.QueryUserInfosAsync(["x"], Token);
        Assert.Equal(ZimCode.QueryUserNotFound, first.Code);
        Assert.Equal(ZimCode.QueryUserNotFound, second.Code);
        Assert.NotEqual(client.SignedQuery(ZimAction.UserRegister), client.SignedQuery(ZimAction.UserRegister));
    }

    [Fact]
    public async Task AWrongSecretIsAnsweredAsAValueNotAnException()
    {
        var wrong = factory.Client(TestApp.A with { ServerSecret = new string('0', 32) });
        var answer = await wrong.RegisterUsersAsync([new RegisterUserInfo(Json.NewId())], Token);
        Assert.Equal(ZimCode.SignatureInvalid, answer.Code);
    }

    [Fact]
    public void SignedQueryHoldsTheCommonParametersAndNoSecret()
    {
        var query = client.SignedQuery(ZimAction.QueryUserInfos);
        Assert.StartsWith($"Action=QueryUserInfos&AppId={TestApp.A.AppId}&SignatureNonce=", query, StringComparison.Ordinal);
        Assert.Contains($"&Timestamp={factory.Clock.GetUtcNow().ToUnixTimeSeconds()}&Signature=", query, StringComparison.Ordinal);
        Assert.EndsWith("&SignatureVersion=2.0", query, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.A.ServerSecret, query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://zim-api.zego.im/", true)]
    [InlineData("https://ZIM-API-SG.ZEGOCLOUD.COM", true)]
    [InlineData("https://zego.im.example.org", false)]
    [InlineData("http://127.0.0.1:5000", false)]
    public void VendorHostsAreRecognised(string endpoint, bool vendor) =>
        Assert.Equal(vendor, ZimEndpoints.IsVendorHost(new Uri(endpoint)));
}
