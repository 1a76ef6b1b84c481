using System.Globalization;
using System.Text.RegularExpressions;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary>
/// The real <c>zim</c> process against the real server process: killed mid-import, then run again with the
/// same command. Paced at 10 calls per second, so each run takes a few seconds.
/// </summary>
public sealed partial class ResumeTests : IAsyncLifetime
{
    private static readonly TestApp Paced = new(1000000020, "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5", 10);
    private ServerProcess server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await ServerProcess.StartInTempAsync(Paced);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task AnImportKilledMidRunAndRunAgainRegistersEveryValidUserExactlyOnce()
    {
        var ids = Enumerable.Range(0, 5000).Select(i => $"r{i:D5}-{Json.NewId()[..8]}").ToList();
        var path = Path.Combine(server.Directory, "roster.csv");
        await File.WriteAllLinesAsync(path, ["UserId,UserName", .. ids.Select((id, i) => i % 1000 == 999 ? $"bad id {i}," : $"{id},User {i}")], Token);
        var valid = ids.Where((_, i) => i % 1000 != 999).ToList();
        var args = new[] { "users", "import", path, "--qps", Paced.QpsLimit.ToString(CultureInfo.InvariantCulture) };

        using (var first = CliProcess.Start(server, Paced, args))
        {
            var journal = path + ".zim-journal";
            while (!File.Exists(journal) || File.ReadAllLines(journal).Length < 16)
            {
                await Task.Delay(20, Token);
            }
            first.Kill();
        }
        var doneBeforeKill = File.ReadAllLines(path + ".zim-journal").Length - 1;
        Assert.InRange(doneBeforeKill, 15, 45);

        using var second = CliProcess.Start(server, Paced, args);
        var exit = await second.WaitAsync(Token);

        Assert.Equal(ExitCodes.Partial, exit);
        Assert.Contains($"completed {doneBeforeKill} batches", second.Output, StringComparison.Ordinal);
        // Batches in flight at the kill were stored but not journaled: sent again, they come back as already registered.
        var summary = Summary().Match(second.Output);
        Assert.True(summary.Success, second.Output);
        var (registered, already) = (Count(summary, "registered"), Count(summary, "already"));
        Assert.Equal(valid.Count, registered + already);
        Assert.InRange(already, 0, 8 * ZimLimits.MaxBatch);
        Assert.Equal(5, Count(summary, "rejected"));
        var client = server.Client(Paced);
        foreach (var chunk in valid.Chunk(ZimLimits.MaxBatch))
        {
            var answer = await client.QueryUserInfosAsync(chunk, Token);
            Assert.Equal(chunk, answer.Result.Select(r => r.UserId));
        }
    }

    private static int Count(Match summary, string group) =>
        int.Parse(summary.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<registered>[\d,]+) registered, (?<already>[\d,]+) already registered, (?<rejected>[\d,]+) rejected")]
    private static partial Regex Summary();
}
