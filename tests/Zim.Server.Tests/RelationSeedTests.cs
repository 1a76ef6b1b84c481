using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The social graph as a file: the relations export (friend rows both ways, applications, blocks) seeds a fresh server's
/// store at start-up (<c>Seed__RelationsPath</c>) so that it exports the same again; a restart with the same file stores
/// nothing more, and lines that cannot be relations are counted and named.
/// </summary>
public abstract class RelationSeedTests<TFactory> : IDisposable
    where TFactory : ZimFactory, new()
{
    private readonly TempDirectory directory = new();
    private readonly TFactory source = new();
    private readonly TFactory target = new();

    public void Dispose()
    {
        source.Dispose();
        target.Dispose();
        directory.Dispose();
        GC.SuppressFinalize(this);
    }

    private static async Task<string> ExportAsync(WebApplicationFactory<ZimServerHost> server, string what)
    {
        var answer = await new AdminCaller(server.CreateClient()).GetAsync(AdminCaller.Apps(TestApp.A, what));
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
        return answer.Raw;
    }

    private WebApplicationFactory<ZimServerHost> StartSeeded(string users, string relations)
    {
        var server = target.WithWebHostBuilder(web => web
            .UseSetting("Seed:Path", users)
            .UseSetting("Seed:RelationsPath", relations)
            .UseSetting("Seed:AppId", TestApp.A.AppId.ToString(CultureInfo.InvariantCulture)));
        _ = server.Server;
        return server;
    }

    private CapturedEntry LastSummary() => target.Logs.Entries.Last(e => e.Category == "Zim.Server.Seed.RelationSeeder");

    private static string[] Lines(string jsonl) => [.. jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = directory.File(name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task AnExportedSocialGraphSeedsAFreshServerThatExportsTheSameAndARestartStoresNothingMore()
    {
        var calls = new FriendCalls(source.Caller(TestApp.A));
        var (ann, bob, cat, dan) = ("ann", "bob", "cat", "dan");
        Assert.Equal(ZimCode.Success, (await calls.Caller.PostAsync("UserRegister", Json.Users(ann, bob, cat, dan))).Code);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(ann, [new { UserId = bob, FriendAlias = "Bobby", Attributes = new[] { new { Key = "k1", Value = "x" } } }, new { UserId = cat, Wording = "hello" }])).Code);
        Assert.Equal(ZimCode.Success, (await calls.DeleteAsync(cat, 1, ann)).Code);
        Assert.Equal(ZimCode.Success, (await calls.ApplyAsync(bob, new { UserId = dan, Wording = "hi" })).Code);
        Assert.Equal(ZimCode.Success, (await new BlocklistCalls(calls.Caller).AddAsync(dan, ann)).Code);
        var relations = await ExportAsync(source, "/relations/export");
        Assert.Equal(5, Lines(relations).Length);
        Assert.Contains(Lines(relations), line => line.Contains("\"Type\":\"friend\",\"UserId\":\"ann\",\"FriendUserId\":\"bob\",\"FriendAlias\":\"Bobby\"", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(relations), line => line.Contains("\"UserId\":\"cat\",\"FriendUserId\":\"ann\"", StringComparison.Ordinal));
        var usersFile = await WriteAsync("users.csv", await ExportAsync(source, "/users/export"));
        var relationsFile = await WriteAsync("relations.jsonl", relations);

        using (var seeded = StartSeeded(usersFile, relationsFile))
        {
            Assert.Equal(Lines(relations), Lines(await ExportAsync(seeded, "/relations/export")));
            var friends = await new FriendCalls(new ZimCaller(seeded.CreateClient(), TestApp.A, target.Clock)).FriendIdsAsync(ann);
            Assert.Equal([bob, cat], friends.Order(StringComparer.Ordinal));
            Assert.Equal((5L, 0L, 0L), (LastSummary().Fields["Stored"], LastSummary().Fields["AlreadyThere"], LastSummary().Fields["Invalid"]));
        }
        using var restarted = StartSeeded(usersFile, relationsFile);
        Assert.Equal((0L, 5L, 0L), (LastSummary().Fields["Stored"], LastSummary().Fields["AlreadyThere"], LastSummary().Fields["Invalid"]));
        Assert.Equal(Lines(relations), Lines(await ExportAsync(restarted, "/relations/export")));
    }

    [Fact]
    public async Task LinesThatCannotBeRelationsAreCountedAndNamedAndTheOthersStored()
    {
        var usersFile = await WriteAsync("users.csv", "UserId\nann\nbob\n");
        var relationsFile = await WriteAsync("relations.jsonl", string.Join('\n',
            """{"Type":"friend","UserId":"ann","FriendUserId":"bob"}""",
            """{"Type":"block","UserId":"ann","BlockedUserId":"nobody"}""",
            """{"Type":"friend","UserId":"ann","FriendUserId":"ann"}""",
            """{"Type":"enemy","UserId":"ann","FriendUserId":"bob"}""",
            """not json""",
            """{"Type":"application","FromUserId":"bob","ToUserId":"ann","State":3}""",
            """{"Type":"friend","UserId":"bob","FriendUserId":"ann","CreateTime":99999999999999}""",
            "",
            """{"Type":"block","UserId":"bob","BlockedUserId":"ann","UpdateTime":1700000000000}"""));

        using var seeded = StartSeeded(usersFile, relationsFile);

        var summary = LastSummary();
        Assert.Equal((2L, 0L, 6L), (summary.Fields["Stored"], summary.Fields["AlreadyThere"], summary.Fields["Invalid"]));
        Assert.Contains("line 3: UserId and FriendUserId are the same user", summary.Text, StringComparison.Ordinal);
        Assert.Contains("line 4: Type 'enemy'", summary.Text, StringComparison.Ordinal);
        var exported = Lines(await ExportAsync(seeded, "/relations/export"));
        Assert.Equal(2, exported.Length);
        Assert.Contains(exported, line => line.Contains("\"UpdateTime\":1700000000000", StringComparison.Ordinal));
    }
}

public sealed class RelationSeedOnSqlite : RelationSeedTests<ZimFactory>;

public sealed class RelationSeedOnPostgres : RelationSeedTests<PostgresZimFactory>;
