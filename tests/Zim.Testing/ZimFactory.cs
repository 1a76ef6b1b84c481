using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Zim.Server;

namespace Zim.Testing;

/// <summary>
/// The real server in process, on a store of its own (a SQLite file unless a subclass says otherwise),
/// with the test apps and a clock the test moves. One per test class; tests in a class use their own UserIds.
/// </summary>
public class ZimFactory : WebApplicationFactory<ZimServerHost>
{
    private TestStore? store;

    /// <summary>Starts on a whole second, so that rate-limit windows are predictable.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Everything the server logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The store, created on first use (a test that cannot have it skips there).</summary>
    public TestStore Store => store ??= CreateStore();

    /// <summary>Settings beyond the apps and the store; a subclass may add some.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    protected virtual TestStore CreateStore() => new SqliteTestStore();

    /// <summary>False when the test owns the store (to start another server on the same data, as after a restart).</summary>
    protected virtual bool OwnsStore => true;

    public ZimCaller Caller(TestApp app) => new(CreateClient(), app, Clock);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Store.Settings().Concat(TestApp.Settings()).Concat(AdminAccess.Settings()).Concat(ExtraSettings))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (OwnsStore)
        {
            store?.Dispose();
        }
    }
}

/// <summary>The server on a SQLite file in a folder the test chooses (a tmpfs, for disk faults).</summary>
public class SqliteInFolderFactory(string folder) : ZimFactory
{
    protected override TestStore CreateStore() => new SqliteTestStore(folder);
}

/// <summary>
/// The server on a store the test owns and disposes, so that a second server can start on the same data;
/// <paramref name="settings"/> win over the store's.
/// </summary>
public class ZimFactoryOnStore(TestStore store, params KeyValuePair<string, string?>[] settings) : ZimFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => settings;

    protected override TestStore CreateStore() => store;

    protected override bool OwnsStore => false;
}

/// <summary>The same server on a fresh PostgreSQL database.</summary>
public class PostgresZimFactory : ZimFactory
{
    protected override TestStore CreateStore() => new PostgresTestStore();
}
