using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Sustained registration load against the real server process, killed with SIGKILL at random moments
/// at least twenty times. After each restart every user answered as registered is present, no user of a
/// call answered as failed is stored, and at the end the store passes its integrity check.
/// </summary>
public abstract class CrashTests<TStore> : IDisposable
    where TStore : TestStore, new()
{
    private const int Kills = 20;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "zim-crash", Guid.NewGuid().ToString("N"));
    private readonly TStore store = new();

    protected CrashTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task EveryAnsweredRegistrationSurvivesTwentyKills()
    {
        var settings = store.Environment(TestApp.A);
        settings["Logging__LogLevel__Default"] = "Warning";
        var random = new Random(20261125);
        var registered = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        var unknown = 0;

        for (var kill = 0; kill < Kills; kill++)
        {
            await using var server = await ServerProcess.StartAsync(directory, settings);
            var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var ids = Enumerable.Range(0, 100).Select(_ => Json.NewId()).ToArray();
                    ZimAnswer answer;
                    try
                    {
                        answer = await caller.PostAsync("UserRegister", Json.Users(ids));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref unknown); // in flight at the kill: no promise was made
                        return;
                    }
                    var failed = answer.Errors.Select(e => e.UserId).ToHashSet();
                    foreach (var id in ids)
                    {
                        (answer.Code == ZimCode.Success && !failed.Contains(id) ? registered : refused).Add(id);
                    }
                }
            })).ToList();

            await Task.Delay(random.Next(50, 700), TestContext.Current.CancellationToken);
            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        await using (var last = await ServerProcess.StartAsync(directory, settings))
        {
            var caller = new ZimCaller(last.Http, TestApp.A, TimeProvider.System);
            foreach (var chunk in registered.Chunk(ZimLimits.MaxBatch))
            {
                var answer = await caller.PostAsync("QueryUserInfos", Json.Ids(chunk));
                Assert.Empty(answer.Errors);
            }
            foreach (var chunk in refused.Chunk(ZimLimits.MaxBatch))
            {
                var answer = await caller.PostAsync("QueryUserInfos", Json.Ids(chunk));
                Assert.Empty(answer.Result);
            }
        }
        Assert.Equal("ok", IntegrityCheck());
        Assert.True(registered.Count > Kills * 100, $"only {registered.Count} users were registered");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Kills} kills survived; {registered.Count} registered users verified present, {refused.Count} refused users verified absent, {unknown} calls cut by a kill");
    }

    /// <summary>The store's own consistency check: "ok" when sound.</summary>
    protected abstract string IntegrityCheck();

    protected TStore Store => store;
}

public sealed class CrashOnSqlite : CrashTests<SqliteTestStore>
{
    protected override string IntegrityCheck()
    {
        using var connection = new SqliteConnection(Store.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}

public sealed class CrashOnPostgres : CrashTests<PostgresTestStore>
{
    // PostgreSQL checks its own pages on read; a full read of the table through the primary key
    // (every row reachable and unique) is the check available without extensions.
    protected override string IntegrityCheck()
    {
        using var connection = new Npgsql.NpgsqlConnection(Store.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(
            "SELECT CASE WHEN count(*) = count(DISTINCT (app_id, user_id)) THEN 'ok' ELSE 'duplicate keys' END FROM users", connection);
        return (string)command.ExecuteScalar()!;
    }
}
