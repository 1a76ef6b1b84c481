using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Several instances starting at once on a PostgreSQL database whose secrets an older release stored in
/// clear text: between them they encrypt each secret exactly once, and every instance serves every app.
/// </summary>
public sealed partial class SecretsMultiInstanceTests : IDisposable
{
    private readonly PostgresTestStore store = new();
    private readonly TempDirectory directory = new();

    public void Dispose()
    {
        store.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task InstancesStartingTogetherEncryptEachClearSecretOnceAndAllServeEveryApp()
    {
        var old = Enumerable.Range(0, 20)
            .Select(i => new TestApp((uint)(1000000100 + i), i.ToString("D2", CultureInfo.InvariantCulture) + new string('c', 30), 0))
            .ToList();
        store.Execute($"""
            CREATE TABLE apps (app_id bigint PRIMARY KEY, server_secret text NOT NULL, name text NOT NULL,
                               qps_limit integer NOT NULL, created_at bigint NOT NULL);
            INSERT INTO apps VALUES {string.Join(", ", old.Select(app => $"({app.AppId}, '{app.ServerSecret}', 'old', 0, 0)"))};
            """);

        var settings = store.Environment();
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ServerProcess.StartAsync(directory.Path, settings)));
        try
        {
            foreach (var server in servers)
            {
                foreach (var app in old)
                {
                    var caller = new ZimCaller(server.Http, app, TimeProvider.System);
                    Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids("x"))).Code);
                }
            }
            Assert.Equal(old.Count, servers.Sum(server => SealedCounts().Matches(server.Output).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))));
            var stored = store.Strings("SELECT server_secret FROM apps");
            Assert.Equal(old.Count, stored.Count);
            Assert.All(stored, value => Assert.StartsWith("v1:", value, StringComparison.Ordinal));

            var otherKey = store.Environment();
            otherKey["Secrets__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var refusal = await ServerProcess.RefusedStartAsync(directory.Path, otherKey);
            Assert.Contains("must use the same Secrets__Key", refusal, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [GeneratedRegex(@"Encrypted the stored secrets of (\d+) apps")]
    private static partial Regex SealedCounts();
}
