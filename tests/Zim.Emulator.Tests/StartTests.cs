using Zim.Client;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server;

namespace Zim.Emulator.Tests;

public sealed class StartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartsOnALoopbackPortWithTheDevelopmentAppAndAnswersItsClient()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);

        Assert.Equal("127.0.0.1", zim.Endpoint.Host);
        Assert.NotEqual(0, zim.Endpoint.Port);
        Assert.Equal(ZimDevelopment.AppId, zim.AppId);
        Assert.Equal(ZimDevelopment.ServerSecret, zim.ServerSecret);
        Assert.Equal(ZimDevelopment.AdminToken, zim.AdminToken);
        var client = zim.CreateClient();
        var registered = await client.RegisterUsersAsync([new RegisterUserInfo("ann", "Ann")], Ct);
        Assert.Equal(0, registered.Code);
        var found = await client.QueryUserInfosAsync(["ann"], Ct);
        Assert.Equal("Ann", Assert.Single(found.Result).UserName);
    }

    [Fact]
    public async Task TwoEmulatorsInOneProcessShareNothing()
    {
        await using var first = await ZimEmulator.StartAsync(cancellationToken: Ct);
        await using var second = await ZimEmulator.StartAsync(cancellationToken: Ct);

        await first.CreateClient().RegisterUsersAsync([new RegisterUserInfo("only-in-first", "First")], Ct);

        Assert.NotEqual(first.Endpoint, second.Endpoint);
        Assert.NotEqual(first.StoreFolder, second.StoreFolder);
        var inSecond = await second.CreateClient().QueryUserInfosAsync(["only-in-first"], Ct);
        Assert.Empty(inSecond.Result);
        Assert.Equal(ZimCode.QueryUserNotFound, Assert.Single(inSecond.ErrorList).SubCode);
    }

    [Fact]
    public async Task DisposingStopsTheServerAndDeletesItsStore()
    {
        var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);
        await zim.CreateClient().RegisterUsersAsync([new RegisterUserInfo("gone", "Gone")], Ct);
        var folder = zim.StoreFolder;
        Assert.True(File.Exists(Path.Combine(folder, "zim.db")));

        await zim.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(zim.Endpoint, "healthz"), Ct));
    }

    [Fact]
    public async Task ServesTheAppsAndSettingsOfItsOptions()
    {
        var options = new ZimEmulatorOptions();
        options.Apps.Add(new ZimEmulatorApp(42, "0123456789abcdef0123456789abcdef") { QpsLimit = 0 });
        options.Apps.Add(new ZimEmulatorApp(43, "fedcba9876543210fedcba9876543210") { QpsLimit = 0 });
        options.Settings["Api:UserNameMaxBytes"] = "4";
        await using var zim = await ZimEmulator.StartAsync(options, Ct);

        Assert.Equal(42u, zim.AppId);
        var answer = await zim.CreateClient(43).RegisterUsersAsync([new RegisterUserInfo("u1", "four"), new RegisterUserInfo("u2", "fiveb")], Ct);

        Assert.Equal(0, answer.Code);
        Assert.Equal("u2", Assert.Single(answer.ErrorList).UserId);
        Assert.Empty((await zim.CreateClient(42).QueryUserInfosAsync(["u1"], Ct)).Result);
        Assert.Throws<ArgumentException>(() => zim.CreateClient(44));
    }

    [Fact]
    public async Task TheProcessEnvironmentDoesNotConfigureAnEmulator()
    {
        // Settings the code under test (or another emulator) might have in its environment; each would change
        // what this emulator does if it read them.
        Environment.SetEnvironmentVariable("Api__UserNameMaxBytes", "1");
        Environment.SetEnvironmentVariable("Apps__1__AppId", "99");
        Environment.SetEnvironmentVariable("Apps__1__ServerSecret", "0123456789abcdef0123456789abcdef");
        try
        {
            await using var zim = await ZimEmulator.StartAsync(cancellationToken: Ct);

            var answer = await zim.CreateClient().RegisterUsersAsync([new RegisterUserInfo("env", "A longer name")], Ct);

            Assert.Equal(0, answer.Code);
            Assert.Empty(answer.ErrorList);
            using var admin = zim.CreateAdminClient();
            var apps = await admin.GetStringAsync(new Uri("apps", UriKind.Relative), Ct);
            Assert.DoesNotContain("\"AppId\":99,", apps, StringComparison.Ordinal);
            Assert.Contains($"\"AppId\":{ZimDevelopment.AppId},", apps, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Api__UserNameMaxBytes", null);
            Environment.SetEnvironmentVariable("Apps__1__AppId", null);
            Environment.SetEnvironmentVariable("Apps__1__ServerSecret", null);
        }
    }

    [Fact]
    public async Task OptionsThatCannotWorkAreRefusedWithTheReason()
    {
        var options = new ZimEmulatorOptions();
        options.Apps.Add(new ZimEmulatorApp(42, "too-short"));

        var refusal = await Assert.ThrowsAsync<ZimServerStartException>(() => ZimEmulator.StartAsync(options, Ct));

        Assert.Contains("ServerSecret", refusal.Message, StringComparison.Ordinal);
    }
}
