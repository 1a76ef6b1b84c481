using System.Net;
using System.Text.RegularExpressions;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The console's files as the server serves them: every module the page imports, each under the console's policy.</summary>
public sealed partial class ConsoleFilesTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    [Fact]
    public async Task ThePageAndEveryModuleItImportsAreServedWithAStrictContentSecurityPolicy()
    {
        using var http = factory.CreateClient();
        var pending = new Queue<string>(["/admin/"]);
        var served = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var path))
        {
            if (!served.Add(path))
            {
                continue;
            }
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" style=", text, StringComparison.Ordinal);
            foreach (Match reference in References().Matches(text))
            {
                pending.Enqueue("/admin/" + reference.Groups["file"].Value);
            }
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Contains("/admin/console.css", served);
        Assert.Contains("/admin/chart.js", served);
        Assert.Contains("/admin/view-user.js", served);
    }

    /// <summary>A file the page or a module names: <c>src="/admin/x.js"</c>, <c>href="/admin/x.css"</c>, <c>from './x.js'</c>.</summary>
    [GeneratedRegex(@"(?:(?:src|href)=""/admin/|from '\./)(?<file>[a-z-]+\.(?:js|css))")]
    private static partial Regex References();
}
