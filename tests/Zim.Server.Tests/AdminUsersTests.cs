using System.Net;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Looking users up, exporting and deleting them through the admin API.</summary>
public abstract class AdminUsersTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly AdminCaller admin = factory.Admin();

    private async Task<TestApp> AppWithUsersAsync(params (string Id, string Name)[] users)
    {
        var app = await admin.CreateAppAsync();
        var body = Json.Of(new { UserInfo = users.Select(u => new { UserId = u.Id, UserName = u.Name }) });
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", body)).Code);
        return app;
    }

    private static List<string> Ids(AdminAnswer page) =>
        page.Json.GetProperty("Users").EnumerateArray().Select(u => u.GetProperty("UserId").GetString()!).ToList();

    [Fact]
    public async Task PagesFollowUserIdOrderAndUsersInsertedBehindTheCursorNeitherRepeatNorShiftTheNextPages()
    {
        var app = await AppWithUsersAsync(("b1", ""), ("b2", ""), ("b3", ""), ("b4", ""), ("b5", ""));

        var first = await admin.GetAsync(AdminCaller.Apps(app, "/users?limit=2"));
        Assert.Equal(["b1", "b2"], Ids(first));
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users("a0", "b10", "b25"))).Code);
        var second = await admin.GetAsync(AdminCaller.Apps(app, $"/users?limit=2&after={first.Json.GetProperty("Next").GetString()}"));
        var third = await admin.GetAsync(AdminCaller.Apps(app, $"/users?limit=2&after={second.Json.GetProperty("Next").GetString()}"));

        Assert.Equal(["b25", "b3"], Ids(second));
        Assert.Equal(["b4", "b5"], Ids(third));
        Assert.Equal(JsonValueKind.Null, third.Json.GetProperty("Next").ValueKind);
    }

    [Fact]
    public async Task SearchFindsUsersByUserIdPrefixOrByAPartOfTheNameInAnyCase()
    {
        var app = await AppWithUsersAsync(("team-1", "Alice Smith"), ("team-2", "Bob"), ("other", "ALICE"), ("teal", "Carol"));

        Assert.Equal(["team-1", "team-2"], Ids(await admin.GetAsync(AdminCaller.Apps(app, "/users?prefix=team-"))));
        Assert.Equal(["other", "team-1"], Ids(await admin.GetAsync(AdminCaller.Apps(app, "/users?name=alice"))));
        Assert.Equal(["team-1"], Ids(await admin.GetAsync(AdminCaller.Apps(app, "/users?prefix=team&name=smith"))));
    }

    [Fact]
    public async Task ExportWritesEveryUserAsCsvThatQuotesWhereNeededOrAsJsonLines()
    {
        var app = await AppWithUsersAsync(("e1", "Smith, \"Jo\""), ("e2", "plain"));

        var csv = await admin.GetAsync(AdminCaller.Apps(app, "/users/export?format=csv"));
        var jsonl = await admin.GetAsync(AdminCaller.Apps(app, "/users/export?format=jsonl"));

        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.Equal("UserId,UserName,UserAvatar,Extra\ne1,\"Smith, \"\"Jo\"\"\",,\ne2,plain,,\n", csv.Raw.ReplaceLineEndings("\n"));
        var lines = jsonl.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("Smith, \"Jo\"", JsonDocument.Parse(lines[0]).RootElement.GetProperty("UserName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(AdminCaller.Apps(app, "/users/export?format=xml"))).Status);
    }

    [Fact]
    public async Task ExportStreamsManyUsersInUserIdOrder()
    {
        var app = await admin.CreateAppAsync();
        var ids = Enumerable.Range(0, 3000).Select(i => $"m{i:D5}").ToList();
        foreach (var chunk in ids.Chunk(100))
        {
            Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(chunk))).Code);
        }

        var jsonl = await admin.GetAsync(AdminCaller.Apps(app, "/users/export?format=jsonl"));

        var exported = jsonl.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("UserId").GetString()!).ToList();
        Assert.Equal(ids, exported);
    }

    [Fact]
    public async Task DeletingChosenUsersRemovesOnlyThoseAndTheyCanRegisterAgain()
    {
        var app = await AppWithUsersAsync(("d1", ""), ("d2", ""), ("d3", ""));

        var deleted = await admin.PostAsync(AdminCaller.Apps(app, "/users/delete"), Json.Of(new { UserIds = new[] { "d1", "d3", "nobody" } }));

        Assert.Equal(2, deleted.Json.GetProperty("Count").GetInt32());
        Assert.Equal(["d2"], Ids(await admin.GetAsync(AdminCaller.Apps(app, "/users"))));
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users("d1"))).Code);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(AdminCaller.Apps(app, "/users/delete"), Json.Of(new { UserIds = Array.Empty<string>() }))).Status);
    }

    [Fact]
    public async Task ResetDeletesEveryUserOfTheAppAndNoneOfAnotherApp()
    {
        var app = await AppWithUsersAsync(("r1", ""), ("r2", ""));
        var other = await AppWithUsersAsync(("r1", ""));

        var reset = await admin.DeleteAsync(AdminCaller.Apps(app, "/users"));

        Assert.Equal(2, reset.Json.GetProperty("Count").GetInt32());
        Assert.Empty(Ids(await admin.GetAsync(AdminCaller.Apps(app, "/users"))));
        Assert.Equal(["r1"], Ids(await admin.GetAsync(AdminCaller.Apps(other, "/users"))));
        Assert.Equal(0, (await admin.GetAsync(AdminCaller.Apps(app))).Json.GetProperty("Users").GetInt64());
    }
}

public sealed class AdminUsersOnSqlite(ZimFactory factory) : AdminUsersTests<ZimFactory>(factory);

public sealed class AdminUsersOnPostgres(PostgresZimFactory factory) : AdminUsersTests<PostgresZimFactory>(factory);
