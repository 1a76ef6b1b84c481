using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Section 3: no request can read or change another app's users.</summary>
public abstract class IsolationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller a = factory.Caller(TestApp.A);
    private readonly ZimCaller b = factory.Caller(TestApp.B);

    [Fact]
    public async Task AnotherAppNeitherSeesNorBlocksNorChangesAUser()
    {
        var id = Json.NewId();
        Assert.Equal(ZimCode.Success, (await a.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = "from A" } } }))).Code);

        Assert.Equal(ZimCode.QueryUserNotFound, (await b.PostAsync("QueryUserInfos", Json.Ids(id))).Code);
        Assert.Equal(ZimCode.ModifyUserNotFound, (await b.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = "from B" } } }))).Code);
        Assert.Equal(ZimCode.Success, (await b.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = "B's own" } } }))).Code);

        var inA = (await a.PostAsync("QueryUserInfos", Json.Ids(id))).Result.Single();
        var inB = (await b.PostAsync("QueryUserInfos", Json.Ids(id))).Result.Single();
        Assert.Equal("from A", inA.GetProperty("UserName").GetString());
        Assert.Equal("B's own", inB.GetProperty("UserName").GetString());
    }

    /// <summary>
    /// For every action: a call signed with one app's secret but naming the other app is refused, and a
    /// call of app B about A's user answers as if that user did not exist.
    /// </summary>
    [Theory]
    [InlineData("UserRegister")]
    [InlineData("QueryUserInfos")]
    [InlineData("ModifyUserInfo")]
    [InlineData("QueryUserOnlineState")]
    [InlineData("AddFriends")]
    [InlineData("SendFriendApplication")]
    [InlineData("DeleteFriends")]
    [InlineData("DeleteAllFriends")]
    [InlineData("QueryFriendList")]
    [InlineData("CheckFriendsRelation")]
    [InlineData("UpdateFriendsAlias")]
    [InlineData("UpdateFriendAttributes")]
    public async Task NoActionCrossesFromOneAppToAnother(string action)
    {
        var id = Json.NewId();
        Assert.Equal(ZimCode.Success, (await a.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = "from A" } } }))).Code);
        var (method, body, query) = action switch
        {
            "QueryUserOnlineState" => (HttpMethod.Get, (string?)null, $"&UserId[]={id}"),
            "QueryUserInfos" => (HttpMethod.Post, Json.Ids(id), ""),
            "DeleteAllFriends" => (HttpMethod.Get, null, $"&FromUserId={id}&DeleteType=0"),
            "QueryFriendList" => (HttpMethod.Get, null, $"&FromUserId={id}"),
            "AddFriends" or "SendFriendApplication" => (HttpMethod.Post, Json.Of(new { FromUserId = id, FriendInfos = new[] { new { UserId = id + "x" } } }), ""),
            "UpdateFriendsAlias" => (HttpMethod.Post, Json.Of(new { FromUserId = id, UserIds = new[] { new { UserId = "x" } } }), ""),
            "UpdateFriendAttributes" => (HttpMethod.Post, Json.Of(new { FromUserId = id, UserId = "x", Attributes = new[] { new { Key = "k0", Value = "v" } } }), ""),
            "DeleteFriends" or "CheckFriendsRelation" => (HttpMethod.Post, Json.Of(new { FromUserId = id, UserIds = new[] { "x" }, DeleteType = 0, CheckType = 0 }), ""),
            _ => (HttpMethod.Post, Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = "from B" } } }), ""),
        };

        var forged = a.Common(action)
            .Select(p => p.Key == "AppId" ? new KeyValuePair<string, string>("AppId", TestApp.B.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture)) : p);
        Assert.Equal(ZimCode.SignatureInvalid, (await a.SendAsync(method, ZimCaller.Query(forged) + query, body)).Code);

        var fromB = await b.SendAsync(method, ZimCaller.Query(b.Common(action)) + query, body);
        var expected = action switch
        {
            "UserRegister" => ZimCode.Success, // B's own user of the same id, not A's
            "QueryUserInfos" => ZimCode.QueryUserNotFound,
            "ModifyUserInfo" => ZimCode.ModifyUserNotFound,
            "QueryUserOnlineState" => ZimCode.UserNotOnline,
            _ => ZimCode.FromUserNotRegistered, // the friend actions: A's user is not B's
        };
        Assert.Equal(expected, fromB.Code);
        var inA = (await a.PostAsync("QueryUserInfos", Json.Ids(id))).Result.Single();
        Assert.Equal("from A", inA.GetProperty("UserName").GetString());
    }
}

public sealed class IsolationOnSqlite(ZimFactory factory) : IsolationTests<ZimFactory>(factory);

public sealed class IsolationOnPostgres(PostgresZimFactory factory) : IsolationTests<PostgresZimFactory>(factory);
