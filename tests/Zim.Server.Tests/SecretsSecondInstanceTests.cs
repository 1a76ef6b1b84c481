using System.Security.Cryptography;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A second instance started on a database whose secrets the first one sealed, without being given the first
/// one's key: it refuses to start in one line that says where that key lives and how to pass it, and writes no
/// key file of its own.
/// </summary>
public sealed class SecretsSecondInstanceTests
{
    [Fact]
    public async Task OnSqliteTheRefusalNamesTheFirstInstancesKeySettingAndNoKeyFileIsWritten()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var store = new SqliteTestStore();
        var settings = store.Environment(TestApp.A); // no key: the default key file would be beside the database
        await StartAndRegisterAsync(store.Folder, new Dictionary<string, string>(settings) { ["Secrets__Key"] = key });
        string[] NotTheDatabase() => [.. Directory.GetFiles(store.Folder).Where(file => !Path.GetFileName(file).StartsWith("zim.db", StringComparison.Ordinal))];
        var before = NotTheDatabase();

        var output = await ServerProcess.RefusedStartAsync(store.Folder, settings);

        AssertRefusedNaming(output, "the setting Secrets__Key", key);
        Assert.Equal(before, NotTheDatabase());
        Assert.False(File.Exists(Path.Combine(store.Folder, "secrets.key")));
    }

    [Fact]
    public async Task OnPostgresTheRefusalNamesTheFirstInstancesKeyFileAndNoKeyFileIsWritten()
    {
        using var store = new PostgresTestStore();
        var settings = store.Environment(TestApp.A);
        settings.Remove("Secrets__Key"); // each instance left to its own key file in data/ of its working directory
        using var first = new TempDirectory();
        await StartAndRegisterAsync(first.Path, settings);
        using var second = new TempDirectory();
        var firstKey = Path.Combine(first.Path, "data", "secrets.key");

        var output = await ServerProcess.RefusedStartAsync(second.Path, settings);

        AssertRefusedNaming(output, firstKey, File.ReadAllText(firstKey).Trim());
        Assert.False(Directory.Exists(Path.Combine(second.Path, "data")), "the refused instance made a data folder");
    }

    private static async Task StartAndRegisterAsync(string directory, IReadOnlyDictionary<string, string> settings)
    {
        await using var server = await ServerProcess.StartAsync(directory, settings);
        var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    private static void AssertRefusedNaming(string output, string firstKeyLocation, string firstKey)
    {
        Assert.Contains("Cannot start: ", output, StringComparison.Ordinal);
        Assert.Contains("so it wrote no key of its own", output, StringComparison.Ordinal);
        Assert.Contains($"keeps the key in {firstKeyLocation} on host {Environment.MachineName}", output, StringComparison.Ordinal);
        Assert.Contains("Secrets__KeyFile", output, StringComparison.Ordinal);
        Assert.Contains("Secrets__Key ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(firstKey, output, StringComparison.Ordinal);
    }
}
