using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zim.Protocol;
using Zim.Testing;
using static Microsoft.Playwright.Assertions;

namespace Zim.Server.Tests;

/// <summary>The web console in Debian's Chromium, driven by Playwright, against the real server process.</summary>
public sealed partial class ConsoleBrowserTests
{
    private const string Token = "browser-test-admin-token-0123456789";

    [Fact]
    public async Task AnOperatorLogsInCreatesAnAppFindsAUserExportsAndDeletesItAndSeesAFailedCall()
    {
        var chromium = TestServices.Require(TestServices.Chromium, "/usr/bin/chromium",
            "/usr/bin/chromium is absent: apt-get install -y chromium (the browser test never downloads a browser)");
        using var directory = new TempDirectory();
        var settings = ServerProcess.Settings(directory.Path, [TestApp.A]);
        settings["Admin__Token"] = Token;
        await using var server = await ServerProcess.StartAsync(directory.Path, settings);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });

        await page.GotoAsync(new Uri(server.Address, "/admin/").ToString());
        await page.GetByLabel("Admin token").FillAsync(Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).First.FillAsync("browser app");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app" }).ClickAsync();
        await Expect(page.Locator("#secret")).ToContainTextAsync("ServerSecret");
        var secretText = await page.Locator("#secret").TextContentAsync() ?? "";
        var match = CreatedApp().Match(secretText);
        Assert.True(match.Success, secretText);
        var app = new TestApp(uint.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, 0);
        await Screenshot(page, "apps.png");

        var caller = new ZimCaller(server.Http, app, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = "ann", UserName = "Ann Lee" }, new { UserId = "bob", UserName = "Bob" } } }))).Code);
        await new ZimCaller(server.Http, app with { ServerSecret = new string('0', 32) }, TimeProvider.System).PostAsync("QueryUserInfos", Json.Ids("ann"));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {app.AppId}" }).ClickAsync();
        await page.GetByLabel("Name contains").FillAsync("ann");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("#users tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#users")).ToContainTextAsync("Ann Lee");
        await Expect(page.Locator("#requests")).ToContainTextAsync("Signature does not match");
        await Screenshot(page, "app.png");

        // A rule set through the API is shown, and saving the shares in the form keeps it with its count.
        using (var rule = new HttpRequestMessage(HttpMethod.Post, $"/admin/api/apps/{app.AppId}/faults/next")
        {
            Content = new StringContent("""{"Action":"UserRegister","Count":2,"Code":660000001}""", System.Text.Encoding.UTF8, "application/json"),
        })
        {
            rule.Headers.Authorization = new("Bearer", Token);
            Assert.True((await server.Http.SendAsync(rule, TestContext.Current.CancellationToken)).IsSuccessStatusCode);
        }
        await page.GetByLabel("Share delayed").FillAsync("0.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save faults" }).ClickAsync();
        await Expect(page.Locator("#f-rules")).ToContainTextAsync("The next 2 calls of UserRegister answer 660000001");
        using (var read = new HttpRequestMessage(HttpMethod.Get, $"/admin/api/apps/{app.AppId}/faults"))
        {
            read.Headers.Authorization = new("Bearer", Token);
            var faults = await (await server.Http.SendAsync(read, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("\"LatencyShare\":0.5", faults, StringComparison.Ordinal);
            Assert.Contains("\"Count\":2", faults, StringComparison.Ordinal);
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Contains("ann,Ann Lee,,", csv, StringComparison.Ordinal);

        await page.GetByLabel("Select ann").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Deleted 1 users.");
        await Expect(page.Locator("#users tr")).ToHaveCountAsync(0);
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids("ann"))).Code);
    }

    /// <summary>
    /// The README's screenshots come from this test. They are written into the repository only when
    /// ZIM_UPDATE_SCREENSHOTS=1, so that a test run leaves the working tree as it found it.
    /// </summary>
    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ZIM_UPDATE_SCREENSHOTS") != "1")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"zim-{Guid.NewGuid():N}-{name}"), FullPage = true });
            return;
        }
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ZimUserApi.slnx")))
        {
            folder = folder.Parent;
        }
        if (folder is not null)
        {
            var path = Path.Combine(folder.FullName, "docs", "screenshots", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }

    [GeneratedRegex(@"Created app (\d+)\. ServerSecret \(shown once, keep it\): ([0-9a-f]{32})")]
    private static partial Regex CreatedApp();
}
