using System.Text;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary><c>zim users import</c> in process, against the in-process server.</summary>
public sealed class ImportTests(ZimFactory factory) : IClassFixture<ZimFactory>, IDisposable
{
    private readonly TempDirectory directory = new();
    private CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task FiveThousandUsersFromCsvWithInvalidRowsAndExistingUsersAreEachAccountedFor()
    {
        var prefix = Json.NewId()[..8];
        var csv = new StringBuilder("UserAvatar,Team,UserId,UserName\n");
        for (var i = 0; i < 5000; i++)
        {
            var id = i switch { 10 => $"{prefix} 10", 20 => new string('x', 40), _ => $"{prefix}-{i}" };
            var name = i == 30 ? new string('n', 70) : $"User \"{i}\", the {i}th";
            csv.Append(CultureInfoInvariant($"https://a.example/{i}.png,team {i % 7},{id},\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n"));
        }
        var path = directory.File("roster.csv");
        await File.WriteAllTextAsync(path, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), Token);
        var existing = new[] { 1, 2, 4999 }.Select(i => new RegisterUserInfo($"{prefix}-{i}")).ToList();
        Assert.Equal(ZimCode.Success, (await factory.Client(TestApp.A).RegisterUsersAsync(existing, Token)).Code);

        var result = await Cli.RunAsync(factory, TestApp.A, "users", "import", path);

        Assert.Equal(ExitCodes.Partial, result.ExitCode);
        Assert.Contains("4,994 registered, 3 already registered, 3 rejected, 0 failed", result.Out, StringComparison.Ordinal);
        var report = await File.ReadAllLinesAsync(path + ".rejected.csv", Token);
        Assert.Equal("UserId,Outcome,Code,Reason", report[0]);
        Assert.Equal(3, report.Length - 1);
        Assert.Contains(report, line => line.StartsWith(new string('x', 40) + ",Rejected,660000012,", StringComparison.Ordinal));
        Assert.Contains(report, line => line.StartsWith($"{prefix}-30,Rejected,660700006,", StringComparison.Ordinal));

        var profiles = await factory.Client(TestApp.A).QueryUserInfosAsync([$"{prefix}-5", $"{prefix}-3000"], Token);
        Assert.Equal(["User \"5\", the 5th", "User \"3000\", the 3000th"], profiles.Result.Select(p => p.UserName));
        Assert.Equal("https://a.example/5.png", profiles.Result[0].UserAvatar);
    }

    private static string CultureInfoInvariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task JsonLinesAreImportedAndAnUnreadableLineIsReported()
    {
        var a = Json.NewId();
        var b = Json.NewId();
        var path = directory.File("users.jsonl");
        await File.WriteAllLinesAsync(path, [$$"""{"UserId":"{{a}}","UserName":"Ann"}""", "{not json", "", $$"""{"userid":"{{b}}"}"""], Token);

        var result = await Cli.RunAsync(factory, TestApp.A, "users", "import", path);

        Assert.Equal(ExitCodes.Partial, result.ExitCode);
        Assert.Contains("2 registered, 0 already registered, 1 rejected", result.Out, StringComparison.Ordinal);
        Assert.Contains("line 2: not a user object", await File.ReadAllTextAsync(path + ".rejected.csv", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADryRunPrintsWhatWouldFailAndCallsNothing()
    {
        var good = Json.NewId();
        var path = directory.File("dry.csv");
        await File.WriteAllTextAsync(path, $"UserId\n{good}\nbad id\n{good}\n", Token);

        var result = await Cli.RunAsync(factory, TestApp.A, "users", "import", path, "--dry-run");

        Assert.Equal(ExitCodes.Partial, result.ExitCode);
        Assert.Contains("line 3: bad id: UserId holds U+0020", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 users would be sent, 1 rejected, 1 repeated", result.Out, StringComparison.Ordinal);
        Assert.Equal(ZimCode.QueryUserNotFound, (await factory.Client(TestApp.A).QueryUserInfosAsync([good], Token)).Code);
    }

    [Fact]
    public async Task RunningACompletedImportAgainSendsNothing()
    {
        var path = directory.File("again.csv");
        await File.WriteAllLinesAsync(path, ["UserId", .. Enumerable.Range(0, 250).Select(_ => Json.NewId())], Token);
        Assert.Equal(ExitCodes.Success, (await Cli.RunAsync(factory, TestApp.A, "users", "import", path)).ExitCode);

        var again = await Cli.RunAsync(factory, TestApp.A, "users", "import", path);

        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Contains("completed 3 batches (250 users)", again.Error, StringComparison.Ordinal);
        Assert.Contains("250 registered, 0 already registered", again.Out, StringComparison.Ordinal);
        Assert.Contains("this run settled 0 users", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJournalOfOtherDataIsRefusedUntilRestart()
    {
        var path = directory.File("changed.csv");
        await File.WriteAllLinesAsync(path, ["UserId", Json.NewId()], Token);
        await Cli.RunAsync(factory, TestApp.A, "users", "import", path);
        await File.AppendAllLinesAsync(path, [Json.NewId()], Token);

        var refused = await Cli.RunAsync(factory, TestApp.A, "users", "import", path);
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("--restart", refused.Error, StringComparison.Ordinal);

        var restarted = await Cli.RunAsync(factory, TestApp.A, "users", "import", path, "--restart");
        Assert.Equal(ExitCodes.Success, restarted.ExitCode);
        Assert.Contains("1 registered, 1 already registered", restarted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACsvWithoutAUserIdColumnIsRefusedBeforeAnyCall()
    {
        var path = directory.File("nocolumn.csv");
        await File.WriteAllLinesAsync(path, ["Id,UserName", "a,Ann"], Token);
        var result = await Cli.RunAsync(factory, TestApp.A, "users", "import", path);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("no UserId column", result.Error, StringComparison.Ordinal);
    }
}
