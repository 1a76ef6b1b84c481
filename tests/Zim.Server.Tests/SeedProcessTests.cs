using System.Globalization;
using System.Text.RegularExpressions;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The seed in the real process: refusals, the default app, and several instances seeding one PostgreSQL together.</summary>
public sealed partial class SeedProcessTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [GeneratedRegex(@"Seeded app \d+ from .*: (?<registered>\d+) registered, (?<already>\d+) already there, (?<invalid>\d+) invalid")]
    private static partial Regex Summary();

    [Theory]
    [InlineData("missing.csv", "1000000001", "Seed:Path names ")]
    [InlineData("users.txt", "1000000001", "cannot tell the format from the extension")]
    [InlineData("no-id.csv", "1000000001", "the CSV header has no UserId column")]
    [InlineData("users.csv", "42", "Seed:AppId 42 is not an app this server serves (it serves 1000000001, 1000000002).")]
    [InlineData("users.csv", "", "Seed:AppId is required: this server serves 2 apps (1000000001, 1000000002)")]
    [InlineData("users.csv", "0", "Seed:AppId must be a uint32 other than 0")]
    public async Task ASeedThatCannotBeUsedStopsTheStartWithOneClearLine(string file, string appId, string expected)
    {
        await File.WriteAllTextAsync(directory.File("users.csv"), "UserId\nann\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(directory.File("users.txt"), "UserId\nann\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(directory.File("no-id.csv"), "Id,UserName\nann,Ann\n", TestContext.Current.CancellationToken);
        var settings = ServerProcess.Settings(directory.Path, [TestApp.A, TestApp.B]);
        settings["Seed__Path"] = file;
        if (appId.Length > 0)
        {
            settings["Seed__AppId"] = appId;
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(directory.Path, settings));

        Assert.Contains("exited with 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Configuration error: Seed:", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithOneAppServedTheSeedGoesToItAndARelativePathIsReadFromTheWorkingDirectory()
    {
        await File.WriteAllLinesAsync(directory.File("users.jsonl"), ["""{"UserId":"ann","UserName":"Ann"}""", "{broken"], TestContext.Current.CancellationToken);
        var settings = ServerProcess.Settings(directory.Path, [TestApp.A]);
        settings["Seed__Path"] = "users.jsonl";

        await using var server = await ServerProcess.StartAsync(directory.Path, settings);
        var answer = await new ZimCaller(server.Http, TestApp.A, TimeProvider.System).PostAsync("QueryUserInfos", Json.Ids("ann"));

        Assert.Equal(ZimCode.Success, answer.Code);
        var summary = Summary().Match(server.Output);
        Assert.Equal(("1", "0", "1"), (summary.Groups["registered"].Value, summary.Groups["already"].Value, summary.Groups["invalid"].Value));
        Assert.Contains("(line 2: not a user object", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstancesStartedTogetherOnOnePostgresWithTheSameSeedRegisterEachUserOnce()
    {
        using var store = new PostgresTestStore();
        const int count = 20_000;
        await File.WriteAllLinesAsync(directory.File("users.csv"),
            ["UserId", .. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"many-{i:D5}"))],
            TestContext.Current.CancellationToken);
        var settings = store.Environment(TestApp.A);
        settings["Seed__Path"] = directory.File("users.csv");

        var servers = await Task.WhenAll(ServerProcess.StartAsync(directory.Path, settings), ServerProcess.StartAsync(directory.Path, settings));
        try
        {
            var summaries = servers.Select(s => Summary().Match(s.Output)).ToList();
            Assert.All(summaries, s => Assert.True(s.Success));
            var registered = summaries.Select(s => long.Parse(s.Groups["registered"].Value, CultureInfo.InvariantCulture)).ToList();
            var already = summaries.Select(s => long.Parse(s.Groups["already"].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(count, registered.Sum());
            Assert.Equal([count, count], registered.Zip(already, (r, a) => r + a));
            var answer = await new ZimCaller(servers[1].Http, TestApp.A, TimeProvider.System).PostAsync("QueryUserInfos", Json.Ids("many-00000", "many-19999"));
            Assert.Equal(ZimCode.Success, answer.Code);
            Assert.Empty(answer.Errors);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
