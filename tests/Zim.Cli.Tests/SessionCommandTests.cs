using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim login</c> and <c>zim sessions</c> against the in-process server.</summary>
public sealed class SessionCommandTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private Task<Cli.Result> RunAsync(TestApp app, params string[] args) =>
        Cli.RunAsync(factory, new Dictionary<string, string>
        {
            ["ZIM_ADMIN_TOKEN"] = AdminAccess.Token,
            ["ZIM_ENDPOINT"] = factory.Server.BaseAddress.ToString(),
            ["ZIM_APP_ID"] = app.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ZIM_SERVER_SECRET"] = app.ServerSecret,
        }, args);

    private static JsonElement Parse(Cli.Result result)
    {
        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    [Fact]
    public async Task LoginMakesItsOwnTokenAndTheUserIsOnlineUntilLoggedOut()
    {
        var app = await factory.Admin().CreateAppAsync();

        var login = Parse(await RunAsync(app, "login", "ann", "--user-name", "Ann", "--os", "PC"));
        var session = login.GetProperty("SessionId").GetString()!;
        var online = await factory.Caller(app).GetAsync("QueryUserOnlineState", "&UserId[]=ann");
        var listed = Parse(await RunAsync(app, "sessions", "list", "--user", "ann"));
        Assert.Equal(ExitCodes.Success, (await RunAsync(app, "sessions", "logout", session)).ExitCode);
        var after = await factory.Caller(app).GetAsync("QueryUserOnlineState", "&UserId[]=ann");

        Assert.Equal("Online", online.Result.Single().GetProperty("Status").GetString());
        Assert.Equal("PC", listed.EnumerateArray().Single().GetProperty("Os").GetString());
        Assert.Equal(ZimCode.UserNotOnline, after.Errors.Single().SubCode);
    }

    [Fact]
    public async Task ATokenOfAnotherUserIsRefusedWithItsReasonAndExit3()
    {
        var app = await factory.Admin().CreateAppAsync();
        var made = await RunAsync(app, "token", "bob");
        Assert.Equal(ExitCodes.Success, made.ExitCode);

        var refused = await RunAsync(app, "login", "carl", "--token", made.Out.Trim());

        Assert.Equal(ExitCodes.Stopped, refused.ExitCode);
        Assert.Contains("401", refused.Error, StringComparison.Ordinal);
        Assert.Contains("another user", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectLeavesTheUserOffline()
    {
        var app = await factory.Admin().CreateAppAsync();
        var session = Parse(await RunAsync(app, "login", "dan")).GetProperty("SessionId").GetString()!;

        Assert.Equal(ExitCodes.Success, (await RunAsync(app, "sessions", "disconnect", session)).ExitCode);

        var state = await factory.Caller(app).GetAsync("QueryUserOnlineState", "&UserId[]=dan");
        Assert.Equal("Offline", state.Result.Single().GetProperty("Status").GetString());
    }
}
