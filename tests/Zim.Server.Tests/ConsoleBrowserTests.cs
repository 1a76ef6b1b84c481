using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zim.Emulator;
using Zim.Protocol;
using Zim.Protocol.Tokens;
using Zim.Testing;
using static Microsoft.Playwright.Assertions;

namespace Zim.Server.Tests;

/// <summary>The web console in Debian's Chromium, driven by Playwright, against the real server process.</summary>
public sealed partial class ConsoleBrowserTests
{
    [Fact]
    public async Task AnOperatorLogsInCreatesAnAppFindsAUserExportsAndDeletesItAndSeesAFailedCall()
    {
        await using var console = await ConsoleBrowser.StartAsync();
        var page = console.Page;
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("browser app");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app" }).ClickAsync();
        await Expect(page.Locator("#secret")).ToContainTextAsync("ServerSecret");
        var secretText = await page.Locator("#secret").TextContentAsync() ?? "";
        var match = CreatedApp().Match(secretText);
        Assert.True(match.Success, secretText);
        var app = new TestApp(uint.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, 0);
        await console.ScreenshotAsync("apps");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Rotate the secret of {app.AppId}" }).ClickAsync();
        await Expect(page.Locator("#secret")).ToContainTextAsync($"Rotated the secret of app {app.AppId}.");
        var rotated = RotatedSecret().Match(await page.Locator("#secret").TextContentAsync() ?? "");
        Assert.True(rotated.Success);
        app = app with { ServerSecret = rotated.Groups[1].Value };

        var caller = new ZimCaller(console.Server.Http, app, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = "ann", UserName = "Ann Lee" }, new { UserId = "bob", UserName = "Bob" }, new { UserId = "cat", UserName = "Cat" } } }))).Code);
        // Ann's relations, for her page: a friend with an alias, an application received, a block.
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("AddFriends", Json.Of(new { FromUserId = "ann", FriendInfos = new[] { new { UserId = "bob", FriendAlias = "Bobby", Wording = "hi" } } }))).Code);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("SendFriendApplication", Json.Of(new { FromUserId = "cat", FriendInfos = new[] { new { UserId = "ann", Wording = "hello" } } }))).Code);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("AddUsersToBlacklist", Json.Of(new { FromUserId = "ann", UserIds = new[] { "cat" } }))).Code);
        await new ZimCaller(console.Server.Http, app with { ServerSecret = new string('0', 32) }, TimeProvider.System).PostAsync("QueryUserInfos", Json.Ids("ann"));

        await page.GetByRole(AriaRole.Link, new() { Name = $"Open {app.AppId}" }).ClickAsync();
        await console.Nav("Users").ClickAsync();
        await page.GetByLabel("Name contains").FillAsync("ann");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("#users tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#users")).ToContainTextAsync("Ann Lee");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Contains("ann,Ann Lee,,", csv, StringComparison.Ordinal);

        await page.GetByLabel("Select ann").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Deleted 1 users.");
        await Expect(page.Locator("#users tr")).ToHaveCountAsync(0);
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids("ann"))).Code);

        await console.Nav("Callbacks").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Callback deliveries" })).ToContainTextAsync("No deliveries.");
        await console.Nav("Requests and faults").ClickAsync();
        await Expect(page.Locator("#requests")).ToContainTextAsync("Signature does not match");
        // A rule set through the API is shown, and saving the shares in the form keeps it with its count.
        var rule = await console.Admin.PostAsync(AdminCaller.Apps(app, "/faults/next"), """{"Action":"UserRegister","Count":2,"Code":660000001}""");
        Assert.Equal(HttpStatusCode.OK, rule.Status);
        await page.GetByLabel("Share delayed").FillAsync("0.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save faults" }).ClickAsync();
        await Expect(page.Locator("#f-rules")).ToContainTextAsync("The next 2 calls of UserRegister answer 660000001");
        var faults = (await console.Admin.GetAsync(AdminCaller.Apps(app, "/faults"))).Raw;
        Assert.Contains("\"LatencyShare\":0.5", faults, StringComparison.Ordinal);
        Assert.Contains("\"Count\":2", faults, StringComparison.Ordinal);

        await console.Nav("Apps").ClickAsync();
        await Expect(page.Locator("#apps")).ToContainTextAsync("browser app");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete app {app.AppId}" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync($"Deleted app {app.AppId}.");
        Assert.Equal(HttpStatusCode.NotFound, (await console.Admin.GetAsync(AdminCaller.Apps(app))).Status);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task TheOverviewChartsSuccessesRateLimitsAndFailuresAndThePagesShowWhoIsOnlineTheUserAndTheCallbacks()
    {
        await using var console = await ConsoleBrowser.StartAsync();
        var page = console.Page;
        var app = await console.Admin.CreateAppAsync(name: "chat staging");
        var callbackSecret = (await console.Admin.PostAsync(AdminCaller.Apps(app, "/callback-secret"))).Json.GetProperty("CallbackSecret").GetString()!;
        await using var receiver = await ZimCallbackReceiver.StartAsync(callbackSecret, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await console.Admin.PatchAsync(AdminCaller.Apps(app), Json.Of(new { CallbackUrl = receiver.Url }))).Status);
        // The first callback to arrive (the logins are delivered in parallel) is refused once, and delivered when tried again.
        receiver.AnswerNext(503);
        var caller = new ZimCaller(console.Server.Http, app, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = "ann", UserName = "Ann Lee" }, new { UserId = "bob", UserName = "Bob" }, new { UserId = "cat", UserName = "Cat" } } }))).Code);
        // Ann's relations, for her page: a friend with an alias, an application received, a block.
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("AddFriends", Json.Of(new { FromUserId = "ann", FriendInfos = new[] { new { UserId = "bob", FriendAlias = "Bobby", Wording = "hi" } } }))).Code);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("SendFriendApplication", Json.Of(new { FromUserId = "cat", FriendInfos = new[] { new { UserId = "ann", Wording = "hello" } } }))).Code);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("AddUsersToBlacklist", Json.Of(new { FromUserId = "ann", UserIds = new[] { "cat" } }))).Code);
        var ann = await LoginAsync(console.Admin, app, "ann", "IOS_PHONE");
        var bob = await LoginAsync(console.Admin, app, "bob", "WEB");
        Assert.Equal(HttpStatusCode.NoContent, (await console.Admin.DeleteAsync(AdminCaller.Apps(app, $"/sessions/{bob}?how=offline"))).Status);
        var refused = await receiver.WaitForAsync(callback => callback.AnsweredStatus == 503, cancellationToken: TestContext.Current.CancellationToken);
        await receiver.WaitForAsync(callback => callback.AnsweredStatus == 200 && callback.Body?.SessionId == refused.Body?.SessionId
            && callback.Body?.Action == refused.Body?.Action, cancellationToken: TestContext.Current.CancellationToken);

        // A few seconds of calls that succeed, then the limit drops to 2 per second and bursts of 6 are refused in part;
        // now and then a call signed with a wrong secret.
        var wrong = new ZimCaller(console.Server.Http, app with { ServerSecret = new string('0', 32) }, TimeProvider.System);
        var codes = new List<int>();
        for (var second = 0; second < 10; second++)
        {
            if (second == 5)
            {
                Assert.Equal(HttpStatusCode.OK, (await console.Admin.PatchAsync(AdminCaller.Apps(app), """{"QpsLimit":2}""")).Status);
            }
            var calls = Enumerable.Range(0, second < 5 ? 2 + second % 3 : 6).Select(_ => caller.PostAsync("QueryUserInfos", Json.Ids("ann")));
            codes.AddRange((await Task.WhenAll(calls)).Select(answer => answer.Code));
            if (second % 4 == 3)
            {
                Assert.Equal(ZimCode.SignatureInvalid, (await wrong.PostAsync("QueryUserInfos", Json.Ids("ann"))).Code);
            }
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
        Assert.Contains(ZimCode.QueryRateLimited, codes);

        // The token is kept in the tab: a reload logs in again and lists the app created meanwhile.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Open {app.AppId}" }).ClickAsync();
        await Expect(page.Locator(".legend li[data-code='0']")).ToContainTextAsync("Success");
        await Expect(page.Locator(".legend li[data-code='660300005']")).ToContainTextAsync("Rate limited");
        await Expect(page.Locator("#rate-chart path.series[data-code='0']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#rate-chart path.series[data-code='660300005']")).ToHaveAttributeAsync("data-total",
            codes.Count(code => code == ZimCode.QueryRateLimited).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator(".legend li[data-code='100000005']")).ToContainTextAsync("Signature mismatch");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Online users" })).ToContainTextAsync("ann");
        await page.GetByRole(AriaRole.Group, new() { Name = "Chart window" }).GetByRole(AriaRole.Button, new() { Name = "1 min" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calls per second by Code, last 1 min" })).ToBeVisibleAsync();
        await Expect(page.Locator("#rate-chart svg")).ToHaveAttributeAsync("aria-label", new Regex("over the last 60 seconds"));
        await console.ScreenshotAsync("overview");

        await console.Nav("Sessions").ClickAsync();
        await Expect(page.Locator("#sessions tr", new() { HasText = ann })).ToContainTextAsync("online");
        await Expect(page.Locator("#sessions tr", new() { HasText = bob })).ToContainTextAsync("offline");
        await console.ScreenshotAsync("sessions");

        await page.Locator("#sessions tr", new() { HasText = ann }).GetByRole(AriaRole.Link, new() { Name = "ann" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "User ann", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".profile")).ToContainTextAsync("Ann Lee");
        await Expect(page.Locator("#sessions")).ToContainTextAsync(ann);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Friends" })).ToContainTextAsync("Bobby");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Friends" })).ToContainTextAsync("1 friend");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Pending applications" })).ToContainTextAsync("cat");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Blocklist" })).ToContainTextAsync("Cat");
        await console.ScreenshotAsync("user");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Log out ann session {ann}" }).ClickAsync();
        await Expect(page.Locator("#sessions tr", new() { HasText = ann })).ToContainTextAsync("logged out");
        await console.Nav("Callbacks").ClickAsync();
        await Expect(page.Locator("#callbacks tr")).ToHaveCountAsync(5, new() { Timeout = 15_000 });
        await Expect(page.Locator("#callbacks tr", new() { HasText = "retrying" })).ToContainTextAsync("503");
        await Expect(page.Locator("#callbacks tr").First).ToContainTextAsync("logout");
        await console.ScreenshotAsync("callbacks");
        Assert.Empty(console.Errors);
    }

    private static async Task<string> LoginAsync(AdminCaller admin, TestApp app, string userId, string os)
    {
        var token = Token04.Generate(app.AppId, app.ServerSecret, userId, TimeSpan.FromHours(1), "", TimeProvider.System);
        var login = await admin.PostAsync(AdminCaller.Apps(app, "/sessions"), Json.Of(new { UserId = userId, Token = token, Os = os }));
        Assert.Equal(HttpStatusCode.Created, login.Status);
        return login.Json.GetProperty("SessionId").GetString()!;
    }

    [GeneratedRegex(@"ServerSecret \(shown once, keep it\): ([0-9a-f]{32})\. The old one")]
    private static partial Regex RotatedSecret();

    [GeneratedRegex(@"Created app (\d+)\. ServerSecret \(shown once, keep it\): ([0-9a-f]{32})")]
    private static partial Regex CreatedApp();
}
