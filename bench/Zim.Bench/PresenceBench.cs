using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Zim.Emulator;
using Zim.Protocol.Tokens;
using Zim.Testing;

namespace Zim.Bench;

/// <summary>
/// The login path under load, on a fresh SQLite server process per run. (1) Login-and-logout pairs per second at 16
/// callers, with each change called back to a live receiver, against the same with no callback URL, alternately.
/// (2) The API's p99 (UserRegister at 100 req/s, open loop) while 20 logins and logouts a second are called back, to a
/// live receiver or to one that never answers (every attempt times out and is retried), alternately.
/// </summary>
internal static class PresenceBench
{
    private const string CallbackSecret = "bench-callback-secret-0123456789";
    private const int Rounds = 3;
    private const int Callers = 16;
    private const int ApiRate = 100;
    private const int BackgroundPairsPerSecond = 20;
    private const double MinLoginRatio = 0.8;

    public static async Task RunAsync(string outputDirectory, TimeSpan duration)
    {
        var work = Path.Combine(Path.GetTempPath(), "zim-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        await using var live = await ZimCallbackReceiver.StartAsync(CallbackSecret);
        await using var hanging = await ZimCallbackReceiver.StartAsync(CallbackSecret);
        hanging.Delay = TimeSpan.FromHours(1);
        var pairs = new Dictionary<string, List<double>> { ["no callback URL"] = [], ["live receiver"] = [] };
        var p99 = new Dictionary<string, List<double>> { ["live receiver"] = [], ["receiver never answers"] = [] };
        long liveSent = 0;
        var liveTags = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            Console.WriteLine($"Presence round {round + 1} of {Rounds}...");
            foreach (var (name, url) in new[] { ("no callback URL", (Uri?)null), ("live receiver", live.Url) })
            {
                await using var running = await StartAsync(work, url);
                var tag = $"r{round}{(url is null ? "n" : "l")}-";
                var (perSecond, done) = await PairsAsync(running.Server, Callers, duration, tag);
                pairs[name].Add(perSecond);
                if (url is not null)
                {
                    liveSent += 2 * done;
                    liveTags.Add(tag);
                }
                Console.WriteLine($"  logins+logouts, {name}: {perSecond:N0} pairs/s");
            }
            foreach (var (name, url) in new[] { ("live receiver", live.Url), ("receiver never answers", hanging.Url) })
            {
                await using var running = await StartAsync(work, url);
                var value = await ApiP99Async(running.Server, duration);
                p99[name].Add(value);
                Console.WriteLine($"  UserRegister p99 at {ApiRate} req/s, {name}: {value:0.0} ms");
            }
        }
        // Every callback of the measured live runs arrived (they are delivered in the background; give the last a moment).
        List<ReceivedCallback> Measured() => [.. live.Received.Where(c => c.Body is { } body && liveTags.Any(t => body.UserId.StartsWith(t, StringComparison.Ordinal)))];
        for (var i = 0; i < 100 && Measured().Count < liveSent; i++)
        {
            await Task.Delay(100);
        }
        var measured = Measured();
        var markdown = Markdown(pairs, p99, measured.Count, liveSent, live.Received.Count(c => !c.IsSignatureValid), duration);
        Console.WriteLine(markdown);
        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "presence.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "presence.json"),
            JsonSerializer.Serialize(new { PairsPerSecond = pairs, ApiP99Ms = p99, CallbacksReceived = measured.Count, CallbacksSent = liveSent }));
        Directory.Delete(work, recursive: true);
    }

    /// <summary>A server process and its store, gone together.</summary>
    private sealed record Running(ServerProcess Server, SqliteTestStore Store) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Store.Dispose();
        }
    }

    private static async Task<Running> StartAsync(string work, Uri? callbackUrl)
    {
        var store = new SqliteTestStore();
        var settings = store.Environment().ToDictionary();
        settings["Apps__0__AppId"] = App.AppId.ToString(CultureInfo.InvariantCulture);
        settings["Apps__0__ServerSecret"] = App.ServerSecret;
        settings["Apps__0__QpsLimit"] = "0";
        settings["Apps__0__CallbackSecret"] = CallbackSecret;
        if (callbackUrl is not null)
        {
            settings["Apps__0__CallbackUrl"] = callbackUrl.ToString();
        }
        settings["Admin__Token"] = AdminAccess.Token;
        settings["Logging__LogLevel__Default"] = "Error";
        var server = await ServerProcess.StartAsync(work, settings);
        server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminAccess.Token);
        // Warm the login path and the API before anything is measured.
        await PairsAsync(server, 4, TimeSpan.FromSeconds(3), "w-");
        await new Load([server.Http], App).ClosedLoopAsync("warm-up", 4, TimeSpan.FromSeconds(2));
        return new Running(server, store);
    }

    private static readonly TestApp App = new(3000000002, "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf", 0);

    /// <summary>Closed loop: each caller logs a new user in and out again; pairs per second and how many were done.</summary>
    private static async Task<(double PerSecond, long Done)> PairsAsync(ServerProcess server, int callers, TimeSpan duration, string tag)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await PairAsync(server.Http, tag);
                Interlocked.Increment(ref done);
            }
        })));
        return (done / clock.Elapsed.TotalSeconds, done);
    }

    /// <summary>Open loop of registrations at <see cref="ApiRate"/>, beside a paced background of login-and-logout pairs.</summary>
    private static async Task<double> ApiP99Async(ServerProcess server, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource();
        var background = Task.Run(async () =>
        {
            var interval = TimeSpan.FromSeconds(1.0 / BackgroundPairsPerSecond);
            var pending = new List<Task>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var due = interval * i;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
                pending.Add(PairAsync(server.Http, "b-"));
            }
            await Task.WhenAll(pending);
        });
        var result = await new Load([server.Http], App).OpenLoopAsync("register beside logins", ApiRate, duration);
        await stop.CancelAsync();
        await background;
        if (result.Failures > 0)
        {
            throw new InvalidOperationException($"{result.Failures} registrations failed");
        }
        return result.P99Ms;
    }

    private static async Task PairAsync(HttpClient http, string tag)
    {
        var userId = tag + Guid.NewGuid().ToString("N")[..20];
        var token = Token04.Generate(App.AppId, App.ServerSecret, userId, TimeSpan.FromHours(1), "", TimeProvider.System);
        using var body = new StringContent($$"""{"UserId":"{{userId}}","Token":"{{token}}"}""", Encoding.UTF8, "application/json");
        var path = $"/admin/api/apps/{App.AppId}/sessions";
        using var login = await http.PostAsync(path, body);
        if (login.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"a login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        }
        using var answer = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        using var logout = await http.DeleteAsync($"{path}/{answer.RootElement.GetProperty("SessionId").GetString()}?how=logout");
        if (logout.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"a logout answered {(int)logout.StatusCode}");
        }
    }

    private static string Markdown(Dictionary<string, List<double>> pairs, Dictionary<string, List<double>> p99, long received, long sent, int badSignatures,
        TimeSpan duration)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Presence: the login path on SQLite, a fresh server process per run, {Rounds} alternating rounds of {duration.TotalSeconds:0} s. Machine: {Environment.ProcessorCount} cores.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| logins and logouts at {Callers} callers (2 callbacks each) | pairs/s, each round | median |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (name, values) in pairs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {string.Join(", ", values.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))} | {Stats.Median(values):N0} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| UserRegister p99 at {ApiRate} req/s beside {BackgroundPairsPerSecond} logins and logouts/s | ms, each round | median |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (name, values) in p99)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {string.Join(", ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))} | {Stats.Median(values):0.0} |");
        }
        text.AppendLine();
        var ratio = Stats.Median(pairs["live receiver"]) / Stats.Median(pairs["no callback URL"]);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Target: logins with callbacks at least {MinLoginRatio:0.0}x those without: {ratio:0.00}x, {(ratio >= MinLoginRatio ? "met" : "**not met**")}.");
        var (alive, dead) = (p99["live receiver"], p99["receiver never answers"]);
        // "Beyond noise": the dead receiver's median p99 above every p99 the live receiver gave in the same run.
        var withinNoise = Stats.Median(dead) <= alive.Max();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Target: a receiver that never answers does not move the API's p99 beyond noise (its median at most the live runs' highest): {Stats.Median(dead):0.0} ms against {alive.Min():0.0}-{alive.Max():0.0} ms, {(withinNoise ? "met" : "**not met**")}.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Callbacks of the measured live runs received: {received:N0} of {sent:N0}; {badSignatures} of all received had a bad signature.");
        return text.ToString();
    }
}
