using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Zim.Server.Api;
using Zim.Server.Ephemeral;

namespace Zim.Server;

/// <summary>
/// The server started from code: the same parts as <c>dotnet run</c> (see <see cref="Program"/>), configured
/// by command-line style arguments (<c>--Key=value</c>, <c>--urls</c>) over the environment. <c>zim serve</c>
/// and <c>Zim.Emulator</c> run it.
/// </summary>
public sealed class ZimServerHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EphemeralFolder? ephemeral;

    private ZimServerHost(WebApplication app, EphemeralFolder? ephemeral, Uri? endpoint)
    {
        this.app = app;
        this.ephemeral = ephemeral;
        Endpoint = endpoint;
    }

    /// <summary>Where the server listens (the first address, IPv4 loopback preferred); null when it has none (a test server).</summary>
    public Uri? Endpoint { get; }

    /// <summary>True when the server's store lives only as long as this host (<c>--Ephemeral=true</c>).</summary>
    public bool IsEphemeral => ephemeral is not null;

    /// <summary>For tests: the folder of an ephemeral server's store.</summary>
    internal string? StoreFolder => ephemeral?.Path;

    /// <summary>The server's configuration, as every source made it (for the ephemeral ready line).</summary>
    public IConfiguration Configuration => app.Configuration;

    /// <summary>A task that completes when the server is asked to stop (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Builds, checks and starts the server, listening once this returns. A configuration that cannot work,
    /// or a store it must not run on, throws <see cref="ZimServerStartException"/> with the reason in one sentence.
    /// </summary>
    public static Task<ZimServerHost> StartAsync(IEnumerable<string> args, CancellationToken cancellationToken) =>
        StartAsync(args, isolated: false, cancellationToken);

    /// <param name="args">The settings, as <c>--Key=value</c>.</param>
    /// <param name="isolated">
    /// True for an emulator inside someone else's process: only <paramref name="args"/> configure it, not the
    /// process's environment variables or an appsettings.json in its working folder.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    internal static async Task<ZimServerHost> StartAsync(IEnumerable<string> args, bool isolated, CancellationToken cancellationToken)
    {
        string[] arguments = HostingSetup.Arguments([.. args]);
        var builder = WebApplication.CreateSlimBuilder(arguments);
        if (isolated)
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddCommandLine(arguments);
        }
        EphemeralFolder? ephemeral = null;
        WebApplication? app = null;
        try
        {
            ephemeral = EphemeralSetup.Apply(builder.Configuration);
            // Inside the try: building the app reads the Kestrel settings.
            app = Program.Build(builder);
            await Program.PrepareAsync(app);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // Kestrel's own words for an address it cannot listen on (taken, localhost with port 0, ...).
                throw new StartupRefusal($"cannot listen: {e.Message}", e);
            }
            var endpoint = EndpointOf(app);
            if (ephemeral is not null && app.Urls.FirstOrDefault(url => !LoopbackOnly.IsLoopback(url)) is { } outside)
            {
                throw new StartupRefusal($"Ephemeral serves loopback addresses only; it was bound to {outside}.");
            }
            return new ZimServerHost(app, ephemeral, endpoint);
        }
        catch (Exception e)
        {
            try
            {
                await DisposeAsync(app, ephemeral);
            }
            catch (Exception cleanup) when (cleanup is not OperationCanceledException)
            {
                // The start's own failure is the one to report.
            }
            if (Refusal(e) is { } reason)
            {
                throw new ZimServerStartException(reason, e);
            }
            throw;
        }
    }

    /// <summary>
    /// Runs the server until it is stopped; 0, or 1 with one line on <paramref name="error"/> when it cannot
    /// start. An ephemeral server writes one line of shell assignments to <paramref name="output"/> once it listens.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ZimServerHost host;
        try
        {
            host = await StartAsync(args, cancellationToken);
        }
        catch (ZimServerStartException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        await using (host)
        {
            if (host.IsEphemeral && host.Endpoint is { } endpoint)
            {
                await output.WriteLineAsync(EphemeralSetup.ReadyLine(host.Configuration, endpoint));
                await output.FlushAsync(cancellationToken);
            }
            await host.WaitForShutdownAsync(cancellationToken);
        }
        return 0;
    }

    /// <summary>Stops serving: requests in flight finish first.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => app.StopAsync(cancellationToken);

    /// <summary>Stops the server, closes its store and, for an ephemeral server, deletes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await DisposeAsync(app, ephemeral);
        }
    }

    // The folder goes whatever the app's disposal throws: nothing of an ephemeral store may stay behind.
    private static async Task DisposeAsync(WebApplication? app, EphemeralFolder? ephemeral)
    {
        try
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
        finally
        {
            ephemeral?.Dispose();
        }
    }

    private static string? Refusal(Exception e) => e switch
    {
        StartupRefusal refusal => $"Cannot start: {refusal.Message}",
        _ when OptionsBinding.Describe(e) is { } error => $"Configuration error: {error}",
        _ => null,
    };

    private static Uri? EndpointOf(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var all = addresses.Select(a => new Uri(a)).ToList();
        return all.FirstOrDefault(uri => uri.Host == "127.0.0.1") ?? all.FirstOrDefault();
    }
}

/// <summary>Why a <see cref="ZimServerHost"/> cannot start, in one sentence for the operator (never a secret).</summary>
public sealed class ZimServerStartException(string message, Exception? inner) : Exception(message, inner);
