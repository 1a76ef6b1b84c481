using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary>The other commands, credentials and help, in process against the in-process server.</summary>
public sealed class CommandTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetChangesOnlyWhatIsGivenAndGetPrintsProfilesAsJsonLines()
    {
        var id = Json.NewId();
        await factory.Client(TestApp.A).RegisterUsersAsync([new RegisterUserInfo(id, "Ann", "https://a.example/a.png")], Token);

        var set = await Cli.RunAsync(factory, TestApp.A, "users", "set", id, "--name", "Anna", "--extra", "{\"k\":1}");
        Assert.Equal(ExitCodes.Success, set.ExitCode);

        var get = await Cli.RunAsync(factory, TestApp.A, "users", "get", id, "nobody");
        Assert.Equal(ExitCodes.Partial, get.ExitCode);
        var profile = JsonSerializer.Deserialize(get.Out.Trim(), ZimJson.Context.UserProfile);
        Assert.Equal(new UserProfile(id, "Anna", "https://a.example/a.png", "{\"k\":1}"), profile);
        Assert.Contains("nobody", get.Error, StringComparison.Ordinal);
        Assert.Contains("660700015", get.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFromAFileAsksInBatchesAndAnswersInOrder()
    {
        var ids = Enumerable.Range(0, 250).Select(_ => Json.NewId()).ToList();
        foreach (var chunk in ids.Chunk(100))
        {
            await factory.Client(TestApp.A).RegisterUsersAsync(chunk.Select(id => new RegisterUserInfo(id)).ToList(), Token);
        }
        using var directory = new TempDirectory();
        await File.WriteAllLinesAsync(directory.File("ids.txt"), ["# roster", .. ids, ""], Token);

        var get = await Cli.RunAsync(factory, TestApp.A, "users", "get", "--file", directory.File("ids.txt"));

        Assert.Equal(ExitCodes.Success, get.ExitCode);
        var printed = get.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize(line, ZimJson.Context.UserProfile)!.UserId);
        Assert.Equal(ids, printed);
    }

    [Fact]
    public async Task ASetThatBreaksARuleIsRefusedLocally()
    {
        var result = await Cli.RunAsync(factory, TestApp.A, "users", "set", "ann", "--name", new string('n', 65));
        Assert.Equal(ExitCodes.Partial, result.ExitCode);
        Assert.Contains("660700006", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignPrintsParametersTheServerAccepts()
    {
        var result = await Cli.RunAsync(factory, TestApp.A, "sign", "QueryUserInfos");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var answer = await factory.Caller(TestApp.A).SendAsync(HttpMethod.Post, result.Out.Trim(), Json.Ids("x"));
        Assert.Equal(ZimCode.QueryUserNotFound, answer.Code);
        Assert.DoesNotContain(TestApp.A.ServerSecret, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenPrintsAToken04()
    {
        var result = await Cli.RunAsync(factory, TestApp.A, "token", "ann", "--expires", "120");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("04", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.A.ServerSecret, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVendorHostFromTheEnvironmentIsRefusedAndNothingIsSent()
    {
        var result = await Cli.RunAsync(factory, Environment("https://zim-api-sg.zegocloud.com"), ["users", "get", "ann"]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--endpoint https://zim-api-sg.zegocloud.com", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingOrMalformedCredentialsAreUsageErrorsThatNeverPrintTheSecret()
    {
        var noSecret = await Cli.RunAsync(factory, new Dictionary<string, string> { ["ZIM_APP_ID"] = "1" }, ["users", "get", "ann"]);
        Assert.Equal(ExitCodes.Usage, noSecret.ExitCode);
        Assert.Contains("ZIM_SERVER_SECRET", noSecret.Error, StringComparison.Ordinal);

        var shortSecret = await Cli.RunAsync(factory, new Dictionary<string, string>(), ["token", "ann", "--app-id", "1", "--secret", "s3cr3t-short"]);
        Assert.Equal(ExitCodes.Usage, shortSecret.ExitCode);
        Assert.DoesNotContain("s3cr3t-short", shortSecret.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongSecretStopsTheCommandWithAClearError()
    {
        var result = await Cli.RunAsync(factory, TestApp.A with { ServerSecret = new string('0', 32) }, "users", "get", "ann");
        Assert.Equal(ExitCodes.Stopped, result.ExitCode);
        Assert.Contains("100000005", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("users")]
    [InlineData("users import")]
    [InlineData("users get")]
    [InlineData("users set")]
    [InlineData("sign")]
    [InlineData("token")]
    public async Task EveryCommandHasHelp(string command)
    {
        var result = await Cli.RunAsync(factory, new Dictionary<string, string>(), [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCommandIsAUsageError()
    {
        var result = await Cli.RunAsync(factory, new Dictionary<string, string>(), ["users", "delete", "ann"]);
        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
    }

    private static Dictionary<string, string> Environment(string endpoint) => new()
    {
        ["ZIM_APP_ID"] = "1",
        ["ZIM_SERVER_SECRET"] = TestApp.A.ServerSecret,
        ["ZIM_ENDPOINT"] = endpoint,
    };
}
