using System.Globalization;
using Zim.Bench;
using Zim.Testing;

// Benchmark: the store's raw ceiling, then the real server process under closed- and open-loop load.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.Postgres is not null)
{
    Environment.SetEnvironmentVariable("ZIM_TEST_POSTGRES", options.Postgres);
}

if (options.Has("emulator"))
{
    await EmulatorStart.RunAsync(options.OutputDirectory);
}
if (options.Has("presence"))
{
    await PresenceBench.RunAsync(options.OutputDirectory, options.Duration);
}
if (options.Runs.All(run => run is "emulator" or "presence"))
{
    return 0;
}

var app = new TestApp(3000000001, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), 0);
var results = new List<BenchResult>();
var peakRss = new Dictionary<string, double>();
var usage = new Dictionary<string, Usage>();
var ceilingKib = new Dictionary<double, double>();
var work = Path.Combine(Path.GetTempPath(), "zim-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);

// The ceilings are measured before and after the server runs, each on a fresh store, and the higher one
// is the ceiling: the disk's state varies within a run, and the server must not gain from that.
var ceilings = new List<double> { await MeasureCeilingAsync() };
var readCeilings = new List<double>();
var queries = options.QueryStore > 0 && options.Has("query");
if (queries)
{
    readCeilings.Add(await MeasureReadCeilingAsync());
}

// Every run starts from a fresh store, as the ceiling does, so that each ratio compares like with like;
// how the cost grows with the store's size is the preloaded run's question.
var store = NewStore();
List<ServerProcess> servers = [];
var load = new Load([], app);

foreach (var concurrency in options.Has("register") ? options.Concurrencies : [])
{
    await FreshStoreAsync();
    await RunAsync(() => load.ClosedLoopAsync("register", concurrency, options.Duration));
}
if (options.Has("open"))
{
    await FreshStoreAsync();
    await RunAsync(() => load.OpenLoopAsync("register at 100 req/s", 100, options.Duration));
}
if (options.Has("mixed"))
{
    await FreshStoreAsync();
    await RunAsync(() => load.ClosedLoopAsync("mixed: half QueryUserInfos", 16, options.Duration, queryShare: 0.5));
}
if (queries)
{
    IReadOnlyList<string> stored = [];
    await FreshStoreAsync(async () => stored = await PreloadAsync(options.QueryStore));
    load = new Load(load.Servers, app, stored);
    await RunAsync(() => load.ClosedLoopAsync($"QueryUserInfos only, {options.QueryStore / 1000:N0}k users stored", 16, options.Duration,
        queryShare: 1, ceiling: BenchResult.ReadCeiling));
}

if (options.Preload > 0 && options.Has("large"))
{
    await FreshStoreAsync(() => PreloadAsync(options.Preload));
    await RunAsync(() => load.ClosedLoopAsync($"register, {options.Preload / 1000:N0}k users stored", 16, options.Duration));
}
await StopServersAsync();
store.Dispose();
ceilings.Add(await MeasureCeilingAsync());
if (queries)
{
    readCeilings.Add(await MeasureReadCeilingAsync());
}

var markdown = Report.Markdown(options, new Ceilings(ceilings, readCeilings, ceilingKib[ceilings.Max()]), results, peakRss, usage);
Console.WriteLine();
Console.WriteLine(markdown);
Directory.CreateDirectory(options.OutputDirectory);
var name = options.Store + (options.Instances > 1 ? $"-{options.Instances}-instances" : "");
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, name + ".md"), markdown);
await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, name + ".json"), Report.Json(options, new Ceilings(ceilings, readCeilings, 0), results, peakRss, usage));
Directory.Delete(work, recursive: true);
return 0;

async Task<double> MeasureCeilingAsync()
{
    using var ceilingStore = NewStore();
    FlushWrites();
    Console.WriteLine($"Measuring the raw {options.Store} ceiling for {options.Duration.TotalSeconds:0} s...");
    var written = Usage.WrittenBytes(Environment.ProcessId);
    var rowsPerSecond = await RawCeiling.MeasureAsync(options.Store, ceilingStore.ConnectionString, options.Duration);
    FlushWrites();
    var kibPerRow = (Usage.WrittenBytes(Environment.ProcessId) - written) / 1024.0 / (rowsPerSecond * options.Duration.TotalSeconds);
    ceilingKib[rowsPerSecond] = kibPerRow;
    Console.WriteLine($"  {rowsPerSecond:N0} rows/s, {kibPerRow:0.0} KiB written per row");
    return rowsPerSecond;
}

// On a store of its own holding the query run's users: 100 point lookups per read transaction.
async Task<double> MeasureReadCeilingAsync()
{
    using var readStore = NewStore();
    var ids = await RawCeiling.PreloadAsync(options.Store, readStore.ConnectionString, app.AppId, options.QueryStore);
    FlushWrites();
    Console.WriteLine($"Measuring the raw {options.Store} read ceiling for {options.Duration.TotalSeconds:0} s...");
    var usersPerSecond = await RawReads.MeasureAsync(options.Store, readStore.ConnectionString, app.AppId, ids, options.Duration);
    Console.WriteLine($"  {usersPerSecond:N0} users found/s");
    return usersPerSecond;
}

Task<IReadOnlyList<string>> PreloadAsync(int count)
{
    Console.WriteLine($"Preloading {count:N0} users...");
    return RawCeiling.PreloadAsync(options.Store, store.ConnectionString, app.AppId, count);
}

// A fresh process compiles its hot paths twice (tiered JIT) in its first seconds; none of that is measured.
// Both paths are warmed, registration and queries (of users the warm-up registers), whatever the run.
async Task WarmUpAsync()
{
    Console.WriteLine("Warming up the server for 5 s...");
    var warm = new Load(load.Servers, app);
    await warm.ClosedLoopAsync("warm-up", 4, TimeSpan.FromSeconds(5), queryShare: 0.5);
}

// Each run starts with no dirty pages of the one before waiting to be written back.
static void FlushWrites()
{
    if (OperatingSystem.IsLinux())
    {
        using var sync = System.Diagnostics.Process.Start("sync");
        sync?.WaitForExit();
    }
}

// Stops the servers, replaces the store (filled by prepare, if given) and starts them again, warmed up.
async Task FreshStoreAsync(Func<Task>? prepare = null)
{
    await StopServersAsync();
    store.Dispose();
    store = NewStore();
    if (prepare is not null)
    {
        await prepare();
    }
    servers = await StartServersAsync();
    load = new Load(servers.Select(s => s.Http).ToList(), app);
    await WarmUpAsync();
}

TestStore NewStore() => options.Store == "postgres" ? new PostgresTestStore() : new SqliteTestStore();

async Task<List<ServerProcess>> StartServersAsync()
{
    var settings = store.Environment().ToDictionary();
    settings["Apps__0__AppId"] = app.AppId.ToString(CultureInfo.InvariantCulture);
    settings["Apps__0__ServerSecret"] = app.ServerSecret;
    settings["Apps__0__QpsLimit"] = "0";
    // Per-request log lines off, as an operator would at this volume; warnings and errors stay.
    settings["Logging__LogLevel__Default"] = "Warning";
    var started = new List<ServerProcess>();
    for (var i = 0; i < options.Instances; i++)
    {
        started.Add(await ServerProcess.StartAsync(work, settings));
    }
    return started;
}

async Task StopServersAsync()
{
    foreach (var server in servers)
    {
        await server.DisposeAsync();
    }
}

async Task RunAsync(Func<Task<BenchResult>> measure)
{
    FlushWrites();
    var pids = servers.Select(s => s.ProcessId).ToList();
    var before = Usage.Take(pids);
    var result = await measure();
    usage[result.Run + result.Concurrency] = Usage.Between(before, Usage.Take(pids), result.Users);
    results.Add(result);
    peakRss[result.Run + result.Concurrency] = servers.Sum(s => PeakRssMb(s.ProcessId));
    Console.WriteLine($"  {result.Run} c={result.Concurrency}: {result.UsersPerSecond:N0} users/s, p99 {result.P99Ms:0.0} ms, {result.Failures} failed");
    foreach (var (code, count) in load.FailureCodes)
    {
        Console.WriteLine($"    Code {code}: {count} calls");
    }
    load.FailureCodes.Clear();
}

// VmHWM: the peak resident set of the process so far.
static double PeakRssMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
