using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The generated admin token, on the real server process: printed once, kept across restarts.</summary>
public sealed partial class AdminTokenProcessTests
{
    [Fact]
    public async Task WithoutAConfiguredTokenTheFirstStartPrintsOneThatLaterStartsStillAcceptWithoutPrintingIt()
    {
        using var directory = new TempDirectory();
        string token;
        await using (var first = await ServerProcess.StartAsync(directory.Path, TestApp.A))
        {
            token = TokenLine().Match(first.Output).Groups[1].Value;
            Assert.Equal(48, token.Length);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, token));
        }
        await using var second = await ServerProcess.StartAsync(directory.Path, TestApp.A);

        Assert.DoesNotContain("AdminToken:", second.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(second, new string('0', 48)));
        // Neither the database nor its write-ahead log holds the token (only its hash).
        var files = Directory.GetFiles(directory.Path, "zim.db*");
        Assert.Contains(files, f => f.EndsWith("zim.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.DoesNotContain(token, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(ServerProcess server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/apps");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [GeneratedRegex(@"AdminToken:\s+([0-9a-f]+)")]
    private static partial Regex TokenLine();
}
