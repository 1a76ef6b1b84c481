using System.Globalization;

namespace Zim.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions(
    string Store,
    string? Postgres,
    TimeSpan Duration,
    IReadOnlyList<int> Concurrencies,
    int Preload,
    int QueryStore,
    int Instances,
    string OutputDirectory,
    IReadOnlySet<string> Runs)
{
    /// <summary>The groups of runs, in the order they run.</summary>
    public static readonly string[] AllRuns = ["emulator", "presence", "register", "open", "mixed", "query", "large"];

    public bool Has(string run) => Runs.Contains(run);

    public const string Usage = """
        zim-bench [--store sqlite|postgres] [--postgres CONNECTION] [--seconds 10]
                  [--concurrency 1,4,16,64] [--preload 1000000] [--query-store 200000] [--instances 1]
                  [--out bench/results] [--runs emulator,presence,register,open,mixed,query,large]

          --store        which store the server runs on (default sqlite)
          --postgres     an Npgsql connection string to a server where the benchmark may create databases
                         (default: the ZIM_TEST_POSTGRES environment variable)
          --seconds      how long each measured run lasts (default 10)
          --concurrency  the closed-loop concurrencies to measure (default 1,4,16,64)
          --preload      users stored before the "large store" run; 0 skips that run (default 1000000)
          --query-store  users stored for the query-only run and its read ceiling; 0 skips both (default 200000)
          --instances    server processes sharing the store (PostgreSQL only; default 1)
          --out          folder for the Markdown and JSON results (default bench/results)
          --runs         which groups of runs to measure (default all): emulator (Zim.Emulator's start to
                         its first answer, 20 times, against a bare ASP.NET Core host's), presence (logins and
                         logouts with callbacks, and the API's p99 beside them with a receiver that never answers,
                         on SQLite), register (closed loop at each
                         concurrency), open (100 req/s), mixed (half queries), query (queries only),
                         large (registration with --preload users stored)
        """;

    private static HashSet<string> ParseRuns(string list)
    {
        var runs = list.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return runs.Except(AllRuns).FirstOrDefault() is { } unknown
            ? throw new ArgumentException($"--runs: '{unknown}' is not one of {string.Join(", ", AllRuns)}\n{Usage}")
            : runs;
    }

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'\n{Usage}");
            }
            values[args[i][2..]] = args[++i];
        }
        string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);
        var store = Get("store", "sqlite").ToLowerInvariant();
        if (store is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException($"--store must be sqlite or postgres\n{Usage}");
        }
        var postgres = values.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("ZIM_TEST_POSTGRES");
        if (store == "postgres" && string.IsNullOrEmpty(postgres))
        {
            throw new ArgumentException($"--store postgres needs --postgres or ZIM_TEST_POSTGRES\n{Usage}");
        }
        var instances = int.Parse(Get("instances", "1"), CultureInfo.InvariantCulture);
        if (instances > 1 && store != "postgres")
        {
            throw new ArgumentException("--instances above 1 needs --store postgres (SQLite is one process's file)");
        }
        return new BenchOptions(
            store,
            postgres,
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture)),
            Get("concurrency", "1,4,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList(),
            int.Parse(Get("preload", "1000000"), CultureInfo.InvariantCulture),
            int.Parse(Get("query-store", "200000"), CultureInfo.InvariantCulture),
            instances,
            Get("out", Path.Combine("bench", "results")),
            ParseRuns(Get("runs", string.Join(',', AllRuns))));
    }
}
