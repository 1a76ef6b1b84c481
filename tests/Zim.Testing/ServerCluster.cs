using System.Globalization;

namespace Zim.Testing;

/// <summary>
/// Server processes sharing one PostgreSQL database and one Redis, as when the server is scaled out. Only the
/// first instance is configured with the apps; the others learn them from the database (refreshed every second).
/// </summary>
public sealed class ServerCluster : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "zim-multi", Guid.NewGuid().ToString("N"));
    private readonly PostgresTestStore store;
    private readonly List<ServerProcess> servers = [];

    private ServerCluster(PostgresTestStore store) => this.store = store;

    public IReadOnlyList<ServerProcess> Servers => servers;

    /// <summary>Starts <paramref name="count"/> instances; <paramref name="firstOnly"/> (environment keys) goes to the first one only.</summary>
    public static async Task<ServerCluster> StartAsync(IEnumerable<TestApp> apps, IReadOnlyDictionary<string, string>? firstOnly = null, int count = 3)
    {
        var redis = TestServices.Require(TestServices.Redis, "ZIM_TEST_REDIS");
        var cluster = new ServerCluster(new PostgresTestStore());
        try
        {
            Directory.CreateDirectory(cluster.directory);
            var shared = cluster.store.Environment().ToDictionary();
            shared["Redis__Configuration"] = redis;
            shared["Redis__KeyPrefix"] = $"zim-test-{Guid.NewGuid():N}:";
            shared["AppsRefreshSeconds"] = "1";
            shared["Admin__Token"] = AdminAccess.Token;

            var first = new Dictionary<string, string>(shared);
            foreach (var (key, value) in TestApp.Environment(apps).Concat(firstOnly ?? new Dictionary<string, string>()))
            {
                first[key] = value;
            }
            cluster.servers.Add(await ServerProcess.StartAsync(cluster.directory, first));
            cluster.servers.AddRange(await Task.WhenAll(Enumerable.Range(1, count - 1).Select(_ => ServerProcess.StartAsync(cluster.directory, shared))));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A caller of <paramref name="app"/> on one instance.</summary>
    public ZimCaller Caller(int instance, TestApp app) => new(servers[instance].Http, app, TimeProvider.System);

    /// <summary>The admin API of one instance.</summary>
    public AdminCaller Admin(int instance) => new(servers[instance].Http);

    /// <summary>The environment key of the <paramref name="index"/>th configured app's <paramref name="setting"/>: <c>Apps__0__CallbackUrl</c>.</summary>
    public static string AppSetting(int index, string setting) => $"Apps__{index.ToString(CultureInfo.InvariantCulture)}__{setting}";

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
        store.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
