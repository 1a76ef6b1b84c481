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
}

public sealed class IsolationOnSqlite(ZimFactory factory) : IsolationTests<ZimFactory>(factory);

public sealed class IsolationOnPostgres(PostgresZimFactory factory) : IsolationTests<PostgresZimFactory>(factory);
