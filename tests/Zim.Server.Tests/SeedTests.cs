using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>A seed file (<c>Seed__Path</c>) registers its users at start-up, before the first request is answered.</summary>
public abstract class SeedTests<TFactory> : IDisposable
    where TFactory : ZimFactory, new()
{
    private readonly TempDirectory directory = new();
    private readonly TFactory store = new();

    public void Dispose()
    {
        store.Dispose();
        directory.Dispose();
    }

    /// <summary>A server on this test's store, seeding app A from <paramref name="seedPath"/>; started when this returns.</summary>
    private WebApplicationFactory<ZimServerHost> Start(string seedPath)
    {
        var server = store.WithWebHostBuilder(web => web
            .UseSetting("Seed:Path", seedPath)
            .UseSetting("Seed:AppId", TestApp.A.AppId.ToString(CultureInfo.InvariantCulture)));
        _ = server.Server;
        return server;
    }

    private ZimCaller Caller(WebApplicationFactory<ZimServerHost> server, TestApp app) => new(server.CreateClient(), app, store.Clock);

    /// <summary>The seed's summary lines, one per start.</summary>
    private List<CapturedEntry> Summaries() => store.Logs.Entries.Where(e => e.Category == "Zim.Server.Seed.Seeder").ToList();

    /// <summary>The users stored in app A, as the admin API counts them.</summary>
    private static async Task<long> UsersOfAppAsync(WebApplicationFactory<ZimServerHost> server) =>
        (await new AdminCaller(server.CreateClient()).GetAsync(AdminCaller.Apps(TestApp.A))).Json.GetProperty("Users").GetInt64();

    private static void AssertCounts(CapturedEntry summary, long registered, long alreadyThere, long invalid)
    {
        Assert.Equal(registered, summary.Fields["Registered"]);
        Assert.Equal(alreadyThere, summary.Fields["AlreadyThere"]);
        Assert.Equal(invalid, summary.Fields["Invalid"]);
    }

    private async Task<string> WriteAsync(string name, string text, bool bom = false)
    {
        var path = directory.File(name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(bom), TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task ACsvSeedIsVisibleThroughQueryUserInfosRightAfterStartInTheNamedAppOnly()
    {
        var path = await WriteAsync("users.csv", "UserAvatar,Team,UserId,UserName\nhttps://a/1.png,x,ann,\"Smith, Ann\"\n,y,bob,Bob\n", bom: true);

        using var server = Start(path);
        var answer = await Caller(server, TestApp.A).PostAsync("QueryUserInfos", Json.Ids("ann", "bob"));

        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Empty(answer.Errors);
        Assert.Equal(["Smith, Ann", "Bob"], answer.Result.Select(r => r.GetProperty("UserName").GetString()));
        Assert.Equal(["https://a/1.png", ""], answer.Result.Select(r => r.GetProperty("UserAvatar").GetString()));
        Assert.Equal(ZimCode.QueryUserNotFound, (await Caller(server, TestApp.B).PostAsync("QueryUserInfos", Json.Ids("ann"))).Code);
        AssertCounts(Summaries().Single(), registered: 2, alreadyThere: 0, invalid: 0);
    }

    [Fact]
    public async Task AJsonLinesSeedIsVisibleThroughQueryUserInfosRightAfterStart()
    {
        var path = await WriteAsync("users.jsonl", """
            {"UserId":"carol","UserName":"Carol","UserAvatar":"https://a/c.png"}

            {"userid":"dave"}
            """);

        using var server = Start(path);
        var answer = await Caller(server, TestApp.A).PostAsync("QueryUserInfos", Json.Ids("carol", "dave"));

        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(["carol", "dave"], answer.Result.Select(r => r.GetProperty("UserId").GetString()));
        Assert.Equal("https://a/c.png", answer.Result[0].GetProperty("UserAvatar").GetString());
        AssertCounts(Summaries().Single(), registered: 2, alreadyThere: 0, invalid: 0);
    }

    [Fact]
    public async Task StartingAgainWithTheSameSeedKeepsEachUserOnceAsItIsAndReportsThemAsAlreadyThere()
    {
        var path = await WriteAsync("again.csv", "UserId,UserName\nerin,Erin\nfrank,Frank\n");
        using (var first = Start(path))
        {
            var changed = await Caller(first, TestApp.A).PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = "erin", UserName = "Erin B." } } }));
            Assert.Equal(ZimCode.Success, changed.Code);
        }

        using var second = Start(path);
        var answer = await Caller(second, TestApp.A).PostAsync("QueryUserInfos", Json.Ids("erin", "frank"));

        Assert.Equal(["Erin B.", "Frank"], answer.Result.Select(r => r.GetProperty("UserName").GetString()));
        var summaries = Summaries();
        Assert.Equal(2, summaries.Count);
        AssertCounts(summaries[0], registered: 2, alreadyThere: 0, invalid: 0);
        AssertCounts(summaries[1], registered: 0, alreadyThere: 2, invalid: 0);
        Assert.Equal(2, await UsersOfAppAsync(second));
    }

    [Fact]
    public async Task InvalidRowsAreSkippedAndTheSummaryGivesTheirLinesAndReasons()
    {
        var path = await WriteAsync("mixed.csv", string.Join('\n',
            "UserId,UserName",
            "good-1,Ann",
            "bad id,Space",
            new string('x', 33) + ",Long id",
            "good-2," + new string('n', 65),
            "good-1,Again",
            "good-3,\"Quoted, \"\"name\"\"\"",
            ""));

        using var server = Start(path);

        var summary = Summaries().Single();
        AssertCounts(summary, registered: 2, alreadyThere: 1, invalid: 3);
        Assert.Equal(LogLevel.Warning, summary.Level);
        var reasons = (string)summary.Fields["InvalidReasons"]!;
        Assert.Contains("line 3: UserId holds U+0020", reasons, StringComparison.Ordinal);
        Assert.Contains("line 4: UserId is 33 bytes long", reasons, StringComparison.Ordinal);
        Assert.Contains("line 5: UserName is 65 bytes long", reasons, StringComparison.Ordinal);
        var answer = await Caller(server, TestApp.A).PostAsync("QueryUserInfos", Json.Ids("good-1", "good-3"));
        Assert.Equal(["Ann", "Quoted, \"name\""], answer.Result.Select(r => r.GetProperty("UserName").GetString()));
    }

    [Fact]
    public async Task AHundredThousandUserSeedIsImportedWhole()
    {
        const int count = 100_000;
        var path = directory.File("large.csv");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteLineAsync("UserId,UserName");
            for (var i = 0; i < count; i++)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"load-{i:D6},User {i}"));
            }
        }

        using var server = Start(path);

        AssertCounts(Summaries().Single(), registered: count, alreadyThere: 0, invalid: 0);
        Assert.Equal(count, await UsersOfAppAsync(server));
        var answer = await Caller(server, TestApp.A).PostAsync("QueryUserInfos", Json.Ids("load-000000", "load-099999"));
        Assert.Equal(["User 0", "User 99999"], answer.Result.Select(r => r.GetProperty("UserName").GetString()));
    }
}

public sealed class SeedOnSqlite : SeedTests<ZimFactory>;

public sealed class SeedOnPostgres : SeedTests<PostgresZimFactory>;
