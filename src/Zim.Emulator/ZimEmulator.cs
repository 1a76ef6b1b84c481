using System.Globalization;
using System.Net.Http.Headers;
using Zim.Client;
using Zim.Server;

namespace Zim.Emulator;

/// <summary>
/// The real ZIM user API server inside a test process, on a free loopback port, with a store that lives as
/// long as this object: <c>await using var zim = await ZimEmulator.StartAsync();</c>. Configured only by its
/// options (not by the process's environment), so several emulators in one process share nothing.
/// </summary>
public sealed partial class ZimEmulator : IAsyncDisposable
{
    private readonly ZimServerHost host;
    private readonly SocketsHttpHandler network = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly HttpClient admin;

    private ZimEmulator(ZimServerHost host, Uri endpoint, IReadOnlyList<ZimEmulatorApp> apps, string adminToken)
    {
        this.host = host;
        Endpoint = endpoint;
        Apps = apps;
        AdminToken = adminToken;
        admin = CreateAdminClient();
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Every app served, the first one being <see cref="App"/>.</summary>
    public IReadOnlyList<ZimEmulatorApp> Apps { get; }

    /// <summary>The first app served: the development app unless the options named others.</summary>
    public ZimEmulatorApp App => Apps[0];

    /// <summary>The first app's AppId.</summary>
    public uint AppId => App.AppId;

    /// <summary>The first app's ServerSecret.</summary>
    public string ServerSecret => App.ServerSecret;

    /// <summary>The bearer token of the admin API.</summary>
    public string AdminToken { get; }

    /// <summary>For tests: the folder of the emulator's store, deleted on dispose.</summary>
    internal string StoreFolder => host.StoreFolder!;

    /// <summary>Starts the server and returns once it answers, with <see cref="ZimEmulatorOptions.SeedUsers"/> registered.</summary>
    /// <exception cref="ZimServerStartException">The options cannot work (a secret that is not 32 characters, a setting out of range).</exception>
    public static async Task<ZimEmulator> StartAsync(ZimEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ZimEmulatorOptions();
        IReadOnlyList<ZimEmulatorApp> apps = options.Apps.Count == 0 ? [ZimEmulatorApp.Development] : [.. options.Apps];
        var host = await ZimServerHost.StartAsync(Arguments(options, apps), isolated: true, cancellationToken).ConfigureAwait(false);
        var emulator = new ZimEmulator(host, host.Endpoint!, apps, options.AdminToken);
        try
        {
            if (options.SeedUsers.Count > 0)
            {
                await emulator.SeedUsersAsync(options.SeedUsers, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A client of the first app (or of <paramref name="appId"/>), pacing itself to that app's limit. It shares
    /// this emulator's connections, so it needs no disposing; it stops working once the emulator is disposed.
    /// </summary>
    public ZimClient CreateClient(uint? appId = null) => new(new HttpClient(network, disposeHandler: false), ClientOptions(appId));

    /// <summary>The options of a <see cref="ZimClient"/> of the first app (or of <paramref name="appId"/>), for a client of the caller's own making.</summary>
    public ZimClientOptions ClientOptions(uint? appId = null)
    {
        var app = AppOf(appId);
        return new ZimClientOptions { AppId = app.AppId, ServerSecret = app.ServerSecret, Endpoint = Endpoint, QpsLimit = app.QpsLimit };
    }

    /// <summary>The first app, or the one with <paramref name="appId"/>; an app it does not serve is the caller's mistake.</summary>
    private ZimEmulatorApp AppOf(uint? appId) =>
        appId is null ? App : Apps.FirstOrDefault(a => a.AppId == appId)
            ?? throw new ArgumentException($"The emulator serves no app {appId}.", nameof(appId));

    /// <summary>An <see cref="HttpClient"/> for the admin API: based at <c>/admin/api/</c>, with the admin token. The caller disposes it.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient(network, disposeHandler: false) { BaseAddress = new Uri(Endpoint, "admin/api/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>Stops the server and deletes its store.</summary>
    public async ValueTask DisposeAsync()
    {
        admin.Dispose();
        await host.DisposeAsync().ConfigureAwait(false);
        network.Dispose();
    }

    private static List<string> Arguments(ZimEmulatorOptions options, IReadOnlyList<ZimEmulatorApp> apps)
    {
        var settings = new Dictionary<string, string>(options.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Ephemeral"] = "true",
            ["urls"] = "http://127.0.0.1:0",
            ["Admin:Token"] = options.AdminToken,
            // One instance: nothing else changes the stored apps.
            ["AppsRefreshSeconds"] = "0",
            ["Logging:LogLevel:Default"] = options.MinimumLogLevel.ToString(),
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = options.MinimumLogLevel.ToString(),
        };
        if (options.KeepRequestBodies)
        {
            settings["RequestLog:Bodies"] = "true";
        }
        for (var i = 0; i < apps.Count; i++)
        {
            settings[$"Apps:{i}:AppId"] = apps[i].AppId.ToString(CultureInfo.InvariantCulture);
            settings[$"Apps:{i}:ServerSecret"] = apps[i].ServerSecret;
            settings[$"Apps:{i}:QpsLimit"] = apps[i].QpsLimit.ToString(CultureInfo.InvariantCulture);
            if (apps[i].Name is { } name)
            {
                settings[$"Apps:{i}:Name"] = name;
            }
            settings[$"Apps:{i}:CallbackSecret"] = apps[i].CallbackSecret;
            if (apps[i].CallbackUrl is { } callbackUrl)
            {
                settings[$"Apps:{i}:CallbackUrl"] = callbackUrl.ToString();
            }
        }
        return [.. settings.Select(s => $"--{s.Key}={s.Value}")];
    }
}
