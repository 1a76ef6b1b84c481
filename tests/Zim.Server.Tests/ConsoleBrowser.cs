using Microsoft.Playwright;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The real server process with an admin token, and Debian's Chromium on its console at 1280x800, logged in. It
/// collects the page's script errors and console errors (a Content-Security-Policy violation is one), so that a
/// test can say there were none.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string Token = "browser-test-admin-token-0123456789";

    private readonly TempDirectory directory;
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private ConsoleBrowser(TempDirectory directory, ServerProcess server, IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.directory = directory;
        Server = server;
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
        Admin = new AdminCaller(server.Http, Token);
        // A missing route (an endpoint not on this server yet) is a 404 the console expects and shows as such.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("404", StringComparison.Ordinal))
            {
                Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => Errors.Add(error);
    }

    public ServerProcess Server { get; }

    public IPage Page { get; }

    public AdminCaller Admin { get; }

    public List<string> Errors { get; } = [];

    public static async Task<ConsoleBrowser> StartAsync()
    {
        var chromium = TestServices.Require(TestServices.Chromium, "/usr/bin/chromium",
            "/usr/bin/chromium is absent: apt-get install -y chromium (the browser test never downloads a browser)");
        var directory = new TempDirectory();
        var settings = ServerProcess.Settings(directory.Path, [TestApp.A]);
        settings["Admin__Token"] = Token;
        var server = await ServerProcess.StartAsync(directory.Path, settings);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 800 } });
        var console = new ConsoleBrowser(directory, server, playwright, browser, page);
        await page.GotoAsync(new Uri(server.Address, "/admin/").ToString());
        await page.GetByLabel("Admin token").FillAsync(Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Apps", Exact = true })).ToBeVisibleAsync();
        return console;
    }

    /// <summary>A link of the side navigation.</summary>
    public ILocator Nav(string name) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>
    /// The README's screenshots come from the browser tests, as docs/images/console-NAME.png. They are written into
    /// the repository only when ZIM_UPDATE_SCREENSHOTS=1, so that a test run leaves the working tree as it found it.
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"zim-{Guid.NewGuid():N}-console-{name}.png");
        if (Environment.GetEnvironmentVariable("ZIM_UPDATE_SCREENSHOTS") == "1")
        {
            var root = RepositoryFolder.Find();
            path = root is null ? path : Path.Combine(root, "docs", "images", $"console-{name}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        // Past the chart's hover readout and any focus ring, so that the picture is the page at rest.
        await Page.Mouse.MoveAsync(0, 0);
        await Page.ScreenshotAsync(new() { Path = path });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await Server.DisposeAsync();
        directory.Dispose();
    }
}
