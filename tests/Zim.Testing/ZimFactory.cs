using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Zim.Testing;

/// <summary>
/// The real server in process, on its own SQLite file, with the test apps and a clock the test moves.
/// One per test class; tests in a class use their own UserIds.
/// </summary>
public class ZimFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "zim-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Starts on a whole second, so that rate-limit windows are predictable.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Everything the server logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    public string DatabasePath => Path.Combine(directory, "zim.db");

    /// <summary>Settings beyond the apps and the database; a subclass may add some.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    public ZimCaller Caller(TestApp app) => new(CreateClient(), app, Clock);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseSetting("Storage:ConnectionString", $"Data Source={DatabasePath}");
        foreach (var (key, value) in TestApp.Settings().Concat(ExtraSettings))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file is not worth failing a test over.
        }
    }
}
