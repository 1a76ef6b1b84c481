using System.Globalization;
using System.Text.Json;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim apps ...</c> and <c>zim users export</c>, over the admin API of the in-process server.</summary>
public sealed class AdminCommandTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<Cli.Result> RunAsync(TestApp? app, params string[] args) => Cli.AdminAsync(factory, app, args);

    [Fact]
    public async Task AppsCreateSetRotateListAndDeleteWorkThroughTheAdminApi()
    {
        var created = await RunAsync(null, "apps", "create", "--name", "from cli", "--qps-limit", "5");
        Assert.Equal(ExitCodes.Success, created.ExitCode);
        var app = JsonDocument.Parse(created.Out).RootElement;
        var appId = app.GetProperty("AppId").GetUInt32().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(32, app.GetProperty("ServerSecret").GetString()!.Length);

        Assert.Equal(ExitCodes.Success, (await RunAsync(null, "apps", "set", appId, "--qps-limit", "7")).ExitCode);
        var rotated = await RunAsync(null, "apps", "rotate-secret", appId);
        Assert.NotEqual(app.GetProperty("ServerSecret").GetString(), JsonDocument.Parse(rotated.Out).RootElement.GetProperty("ServerSecret").GetString());
        var listed = JsonDocument.Parse((await RunAsync(null, "apps", "list")).Out).RootElement.EnumerateArray()
            .Single(a => a.GetProperty("AppId").GetUInt32().ToString(CultureInfo.InvariantCulture) == appId);
        Assert.Equal(7, listed.GetProperty("QpsLimit").GetInt32());

        Assert.Equal(ExitCodes.Success, (await RunAsync(null, "apps", "delete", appId)).ExitCode);
        var again = await RunAsync(null, "apps", "delete", appId);
        Assert.Equal(ExitCodes.Stopped, again.ExitCode);
        Assert.Contains("404", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppsCallbackUrlIsSetItsCallbackSecretRotatedAndItsDeliveriesListed()
    {
        var created = JsonDocument.Parse((await RunAsync(null, "apps", "create", "--callback-url", "http://127.0.0.1:9/zim")).Out).RootElement;
        var appId = created.GetProperty("AppId").GetUInt32().ToString(CultureInfo.InvariantCulture);
        Assert.Equal("http://127.0.0.1:9/zim", created.GetProperty("CallbackUrl").GetString());
        var first = created.GetProperty("CallbackSecret").GetString();
        Assert.Equal(32, first!.Length);

        var cleared = JsonDocument.Parse((await RunAsync(null, "apps", "set", appId, "--callback-url", "")).Out).RootElement;
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("CallbackUrl").ValueKind);
        var rotated = JsonDocument.Parse((await RunAsync(null, "apps", "rotate-callback-secret", appId)).Out).RootElement;
        Assert.NotEqual(first, rotated.GetProperty("CallbackSecret").GetString());
        var deliveries = await RunAsync(null, "apps", "callbacks", appId, "--limit", "5");
        Assert.Equal(ExitCodes.Success, deliveries.ExitCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(deliveries.Out).RootElement.ValueKind);
        var refused = await RunAsync(null, "apps", "set", appId, "--callback-url", "ftp://example.com");
        Assert.Equal(ExitCodes.Stopped, refused.ExitCode);
        Assert.Contains("http:// or https://", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersExportWritesEveryUserAsCsvOrJsonLines()
    {
        var app = await factory.Admin().CreateAppAsync();
        await factory.Client(app).RegisterUsersAsync([new RegisterUserInfo("x1", "Ann"), new RegisterUserInfo("x2", "Bob")], Token);
        using var directory = new TempDirectory();

        var csv = await RunAsync(app, "users", "export");
        var jsonl = await RunAsync(app, "users", "export", "--format", "jsonl", "--output", directory.File("users.jsonl"));

        Assert.Equal(ExitCodes.Success, csv.ExitCode);
        Assert.Equal(["UserId,UserName,UserAvatar,Extra", "x1,Ann,,", "x2,Bob,,"], csv.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n'));
        Assert.Equal(ExitCodes.Success, jsonl.ExitCode);
        Assert.Equal(2, (await File.ReadAllLinesAsync(directory.File("users.jsonl"), Token)).Length);
    }

    [Fact]
    public async Task AdminCommandsWithoutATokenSendNothingAndSayWhatIsMissing()
    {
        var result = await Cli.RunAsync(factory, new Dictionary<string, string> { ["ZIM_ENDPOINT"] = factory.Server.BaseAddress.ToString() }, ["apps", "list"]);
        var wrong = await Cli.RunAsync(factory, new Dictionary<string, string>
        {
            ["ZIM_ENDPOINT"] = factory.Server.BaseAddress.ToString(),
            ["ZIM_ADMIN_TOKEN"] = "not-the-token-at-all",
        }, ["apps", "list"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("ZIM_ADMIN_TOKEN", result.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Stopped, wrong.ExitCode);
        Assert.Contains("401", wrong.Error, StringComparison.Ordinal);
    }
}
