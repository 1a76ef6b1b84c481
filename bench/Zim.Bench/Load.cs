using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Bench;

/// <summary>Drives the real servers: signed UserRegister calls of 100 new users, and profile queries of 100 known ones.</summary>
internal sealed class Load(IReadOnlyList<HttpClient> servers, TestApp app, IEnumerable<string>? stored = null)
{
    private readonly List<string> registered = [.. stored ?? []];

    public IReadOnlyList<HttpClient> Servers => servers;

    /// <summary>The Codes of failed calls and how often each came, for the report.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<int, int> FailureCodes { get; } = new();

    /// <summary>Closed loop: <paramref name="concurrency"/> callers, each sending its next call on the last answer.</summary>
    public async Task<BenchResult> ClosedLoopAsync(string run, int concurrency, TimeSpan duration, double queryShare = 0, string ceiling = BenchResult.WriteCeiling)
    {
        var latencies = new Latencies();
        long users = 0, registeredUsers = 0, requests = 0, failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var server = servers[worker % servers.Count];
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                var known = random.NextDouble() < queryShare ? KnownIds(random) : null;
                var outcome = known is null ? await RegisterAsync(server) : await QueryAsync(server, known);
                latencies.Add(outcome.Elapsed);
                Interlocked.Increment(ref requests);
                Interlocked.Add(ref users, outcome.Users);
                Interlocked.Add(ref registeredUsers, outcome.Registered);
                if (!outcome.Ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        return Result(run, concurrency, clock.Elapsed, requests, users, registeredUsers, failures, latencies) with { Ceiling = ceiling };
    }

    /// <summary>Open loop: one registration every 1/rate seconds, whatever the answers; latency as the caller sees it.</summary>
    public async Task<BenchResult> OpenLoopAsync(string run, int ratePerSecond, TimeSpan duration)
    {
        var latencies = new Latencies();
        long users = 0, registeredUsers = 0, requests = 0, failures = 0;
        var interval = TimeSpan.FromSeconds(1.0 / ratePerSecond);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            var server = servers[i % servers.Count];
            pending.Add(Task.Run(async () =>
            {
                var outcome = await RegisterAsync(server);
                latencies.Add(outcome.Elapsed);
                Interlocked.Increment(ref requests);
                Interlocked.Add(ref users, outcome.Users);
                Interlocked.Add(ref registeredUsers, outcome.Registered);
                if (!outcome.Ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
        }
        await Task.WhenAll(pending);
        return Result(run, 0, clock.Elapsed, requests, users, registeredUsers, failures, latencies);
    }

    private static BenchResult Result(string run, int concurrency, TimeSpan elapsed, long requests, long users, long registered, long failures, Latencies latencies) =>
        new(run, concurrency, elapsed.TotalSeconds, requests, users, registered, failures,
            latencies.Percentile(50), latencies.Percentile(95), latencies.Percentile(99));

    private async Task<Outcome> RegisterAsync(HttpClient server)
    {
        var ids = new string[ZimLimits.MaxBatch];
        var body = new StringBuilder("{\"UserInfo\":[", 64 * ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = RandomIds.Next();
            body.Append(i == 0 ? "" : ",").Append("{\"UserId\":\"").Append(ids[i]).Append("\",\"UserName\":\"bench user\"}");
        }
        body.Append("]}");
        var (ok, errors, _, elapsed) = await SendAsync(server, "UserRegister", body.ToString());
        if (ok && errors == 0)
        {
            lock (registered)
            {
                registered.AddRange(ids.Take(10));
            }
        }
        var registeredNow = ok ? ids.Length - errors : 0;
        return new Outcome(ok, registeredNow, registeredNow, elapsed);
    }

    private async Task<Outcome> QueryAsync(HttpClient server, string[] ids)
    {
        var (ok, _, found, elapsed) = await SendAsync(server, "QueryUserInfos", $"{{\"UserIds\":{JsonSerializer.Serialize(ids, BenchJson.Default.StringArray)}}}");
        return new Outcome(ok, found, 0, elapsed);
    }

    private string[]? KnownIds(Random random)
    {
        lock (registered)
        {
            return registered.Count < 100 ? null : Enumerable.Range(0, 100).Select(_ => registered[random.Next(registered.Count)]).ToArray();
        }
    }

    private async Task<(bool Ok, int Errors, int Found, TimeSpan Elapsed)> SendAsync(HttpClient server, string action, string body)
    {
        var query = ZimSignature.QueryString(action, app.AppId, app.ServerSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ZimSignature.NewNonce());
        var started = Stopwatch.GetTimestamp();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await server.PostAsync("/?" + query, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        using var answer = JsonDocument.Parse(bytes);
        var code = answer.RootElement.GetProperty("Code").GetInt32();
        var errors = answer.RootElement.TryGetProperty("ErrorList", out var list) ? list.GetArrayLength() : 0;
        var found = answer.RootElement.TryGetProperty("Result", out var result) ? result.GetArrayLength() : 0;
        var ok = code is ZimCode.Success or ZimCode.QueryUserNotFound;
        if (!ok)
        {
            FailureCodes.AddOrUpdate(code, 1, (_, n) => n + 1);
        }
        return (ok, errors, found, elapsed);
    }

    /// <summary>Users registered, or found by a query.</summary>
    private readonly record struct Outcome(bool Ok, int Users, int Registered, TimeSpan Elapsed);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;
