using System.Net;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim serve</c> as a user runs it: a process of its own, found through its ready line.</summary>
public sealed class ServeTests : IDisposable
{
    // Its own temporary folder, so that what the server leaves behind is this test's alone to see.
    private readonly TempDirectory temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string> Environment => new() { ["TMPDIR"] = temp.Path };

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ServeEphemeralPrintsWhereItListensTakesAnImportAndLeavesNothingOnDisk()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "stops the server with SIGTERM");
        using var serve = CliProcess.Start(Environment, "serve", "--ephemeral", "--urls", "http://127.0.0.1:0");
        var ready = Assignments(await serve.LineAsync("ZIM_ENDPOINT=", Ct));

        Assert.Equal(["ZIM_ENDPOINT", "ZIM_APP_ID", "ZIM_SERVER_SECRET", "ZIM_ADMIN_TOKEN"], ready.Keys);
        Assert.Equal(ZimDevelopment.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), ready["ZIM_APP_ID"]);
        Assert.Equal(ZimDevelopment.ServerSecret, ready["ZIM_SERVER_SECRET"]);
        Assert.Equal(ZimDevelopment.AdminToken, ready["ZIM_ADMIN_TOKEN"]);
        Assert.Single(Directory.GetDirectories(temp.Path, "zim-ephemeral-*"));

        var roster = Path.Combine(temp.Path, "roster.csv");
        await File.WriteAllTextAsync(roster, "UserId,UserName,UserAvatar\nt1,Teacher,\ns1,Student,\n", Ct);
        using (var import = CliProcess.Start(ready, "users", "import", roster))
        {
            Assert.Equal(ExitCodes.Success, await import.WaitAsync(Ct));
        }
        using (var get = CliProcess.Start(ready, "users", "get", "t1", "s1"))
        {
            Assert.Equal(ExitCodes.Success, await get.WaitAsync(Ct));
            Assert.Contains("\"UserName\":\"Student\"", get.Output, StringComparison.Ordinal);
        }

        serve.Terminate();
        Assert.Equal(0, await serve.WaitAsync(Ct));
        Assert.Empty(Directory.GetDirectories(temp.Path, "zim-ephemeral-*"));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.db*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://192.0.2.1:0")]
    public async Task ServeEphemeralRefusesAnAddressThatIsNotLoopback(string url)
    {
        using var serve = CliProcess.Start(Environment, "serve", "--ephemeral", "--urls", url);

        Assert.Equal(1, await serve.WaitAsync(Ct));
        Assert.Contains("loopback", serve.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(temp.Path, "zim-ephemeral-*"));
    }

    [Fact]
    public async Task ServeEphemeralStartsInAContainerThatSetsHttpPortsWhenGivenALoopbackAddress()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "stops the server with SIGTERM");
        // .NET's container images set ASPNETCORE_HTTP_PORTS; Kestrel ignores it when an address is given.
        using var serve = CliProcess.Start(new Dictionary<string, string>(Environment) { ["ASPNETCORE_HTTP_PORTS"] = "8080" },
            "serve", "--ephemeral", "--urls", "http://127.0.0.1:0");

        Assert.StartsWith("ZIM_ENDPOINT=http://127.0.0.1:", await serve.LineAsync("ZIM_ENDPOINT=", Ct), StringComparison.Ordinal);
        serve.Terminate();
        Assert.Equal(0, await serve.WaitAsync(Ct));
    }

    [Fact]
    public async Task AnAddressThatCannotBeListenedOnStopsTheStartWithTheReasonAndLeavesNothing()
    {
        using var serve = CliProcess.Start(Environment, "serve", "--ephemeral", "--urls", "http://localhost:0");

        Assert.Equal(1, await serve.WaitAsync(Ct));
        Assert.Contains("Cannot start: cannot listen: Dynamic port binding is not supported when binding to localhost", serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService failed", serve.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(temp.Path, "zim-*"));
    }

    [Fact]
    public async Task TheFolderOfAKilledEphemeralServerIsDeletedByTheNextOne()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "stops the server with SIGTERM");
        using (var killed = CliProcess.Start(Environment, "serve", "--ephemeral", "--urls", "http://127.0.0.1:0"))
        {
            await killed.LineAsync("ZIM_ENDPOINT=", Ct);
            killed.Kill();
        }
        var left = Assert.Single(Directory.GetDirectories(temp.Path, "zim-ephemeral-*"));

        using var next = CliProcess.Start(Environment, "serve", "--ephemeral", "--urls", "http://127.0.0.1:0");
        await next.LineAsync("ZIM_ENDPOINT=", Ct);

        Assert.False(Directory.Exists(left));
        Assert.Single(Directory.GetDirectories(temp.Path, "zim-ephemeral-*"));
        next.Terminate();
        await next.WaitAsync(Ct);
    }

    [Fact]
    public async Task ServeRunsTheServerWithSettingsFromArgumentsAndTheEnvironment()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "stops the server with SIGTERM");
        var port = ServerProcess.FreePort();
        var database = Path.Combine(temp.Path, "kept.db");
        var environment = new Dictionary<string, string>(Environment) { ["Apps__0__AppId"] = "77", ["Apps__0__ServerSecret"] = TestApp.A.ServerSecret };
        using var serve = CliProcess.Start(environment, "serve", "--urls", $"http://127.0.0.1:{port}", $"--Storage:ConnectionString=Data Source={database}");
        await serve.LineAsync("info: Microsoft.Hosting.Lifetime", Ct);

        using var http = new HttpClient();
        var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"), Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(File.Exists(database));
        Assert.Contains("Serving app 77", serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ZIM_ENDPOINT=", serve.Output, StringComparison.Ordinal);
        serve.Terminate();
        Assert.Equal(0, await serve.WaitAsync(Ct));
        Assert.True(File.Exists(database));
    }

    private static Dictionary<string, string> Assignments(string line) =>
        line.Split(' ').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
}
