using System.Net;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// <c>POST /admin/api/reset</c>: every app's users, the used nonces, the rate windows, the request log and the faults
/// go in one call; the apps stay. Each test resets first, so that it counts only what it made.
/// </summary>
public abstract class ResetTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory, new()
{
    private readonly AdminCaller admin = factory.Admin();

    private Task<AdminAnswer> ResetAsync() => admin.PostAsync("/admin/api/reset");

    [Fact]
    public async Task ResetDeletesTheUsersOfEveryAppAndKeepsTheApps()
    {
        await ResetAsync();
        var created = await admin.CreateAppAsync();
        foreach (var app in new[] { TestApp.A, TestApp.B, created })
        {
            Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users("r1", "r2"))).Code);
        }

        var reset = await ResetAsync();
        var apps = (await admin.GetAsync("/admin/api/apps")).Json.EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(6, reset.Json.GetProperty("Users").GetInt64());
        Assert.Equal(TestApp.All.Count + 1, reset.Json.GetProperty("Apps").GetInt32());
        Assert.Equal(apps.Count, reset.Json.GetProperty("Apps").GetInt32());
        Assert.All(apps, app => Assert.Equal(0, app.GetProperty("Users").GetInt64()));
        Assert.Equal(ZimCode.QueryUserNotFound, (await factory.Caller(created).PostAsync("QueryUserInfos", Json.Ids("r1"))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(created).PostAsync("UserRegister", Json.Users("r1"))).Code);
    }

    [Fact]
    public async Task ResetMakesAUsedNonceUsableAgain()
    {
        var caller = factory.Caller(TestApp.A);
        var query = ZimCaller.Query(caller.Common("QueryUserInfos"));
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.SendAsync(HttpMethod.Post, query, Json.Ids("x"))).Code);
        Assert.Equal(ZimCode.SignatureInvalid, (await caller.SendAsync(HttpMethod.Post, query, Json.Ids("x"))).Code);

        await ResetAsync();

        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.SendAsync(HttpMethod.Post, query, Json.Ids("x"))).Code);
    }

    [Fact]
    public async Task ResetEmptiesTheRateWindows()
    {
        // The test's clock stands still, so without the reset this window would stay full.
        var limited = factory.Caller(TestApp.Limited);
        for (var i = 0; i < TestApp.Limited.QpsLimit; i++)
        {
            await limited.PostAsync("QueryUserInfos", Json.Ids("x"));
        }
        Assert.Equal(ZimCode.QueryRateLimited, (await limited.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);

        await ResetAsync();

        Assert.Equal(ZimCode.QueryUserNotFound, (await limited.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
    }

    [Fact]
    public async Task ResetEmptiesTheRequestLogAndItsSeqGoesOn()
    {
        await factory.Caller(TestApp.B).PostAsync("QueryUserInfos", Json.Ids("x"));
        var before = (await admin.GetAsync(AdminCaller.Apps(TestApp.B, "/requests"))).Json[0].GetProperty("Seq").GetInt64();

        await ResetAsync();
        var emptied = (await admin.GetAsync(AdminCaller.Apps(TestApp.B, "/requests"))).Json.GetArrayLength();
        await factory.Caller(TestApp.B).PostAsync("QueryUserInfos", Json.Ids("x"));
        var after = (await admin.GetAsync(AdminCaller.Apps(TestApp.B, $"/requests?after={before}"))).Json;

        Assert.Equal(0, emptied);
        Assert.Equal(1, after.GetArrayLength());
        Assert.True(after[0].GetProperty("Seq").GetInt64() > before);
    }

    [Fact]
    public async Task ResetTurnsEveryFaultOff()
    {
        await admin.SendAsync(HttpMethod.Put, AdminCaller.Apps(TestApp.A, "/faults"), Json.Of(new { InternalErrorShare = 1.0 }));
        await admin.PostAsync(AdminCaller.Apps(TestApp.B, "/faults/next"), Json.Of(new { Count = 5, Code = 9 }));

        await ResetAsync();
        var faults = (await admin.GetAsync(AdminCaller.Apps(TestApp.B, "/faults"))).Json;

        Assert.Equal(0, faults.GetProperty("Next").GetArrayLength());
        Assert.Equal(0, (await admin.GetAsync(AdminCaller.Apps(TestApp.A, "/faults"))).Json.GetProperty("InternalErrorShare").GetDouble());
        Assert.Equal(ZimCode.QueryUserNotFound, (await factory.Caller(TestApp.A).PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
        Assert.Equal(ZimCode.QueryUserNotFound, (await factory.Caller(TestApp.B).PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
    }

    [Fact]
    public async Task ResetNeedsTheAdminToken()
    {
        var answer = await factory.Admin(token: null).PostAsync("/admin/api/reset");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
    }

    [Fact]
    public async Task AStoreThatFailsDuringAResetIsAnsweredWith503AndTheAdminErrorJson()
    {
        using var broken = new TFactory();
        var brokenAdmin = broken.Admin();
        Assert.Equal(HttpStatusCode.OK, (await brokenAdmin.GetAsync("/admin/api/apps")).Status);
        broken.Store.Execute("DROP TABLE users;");

        var answer = await brokenAdmin.PostAsync("/admin/api/reset");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Contains("database", answer.Error, StringComparison.Ordinal);
    }
}

public sealed class ResetOnSqlite(ZimFactory factory) : ResetTests<ZimFactory>(factory);

public sealed class ResetOnPostgres(PostgresZimFactory factory) : ResetTests<PostgresZimFactory>(factory);
