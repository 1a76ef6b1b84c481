using Zim.Server.Admin;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.Auth;
using Zim.Server.CallRate;
using Zim.Server.Callbacks;
using Zim.Server.Blocklist;
using Zim.Server.Faults;
using Zim.Server.Friends;
using Zim.Server.Health;
using Zim.Server.Metrics;
using Zim.Server.OpenApi;
using Zim.Server.RateLimits;
using Zim.Server.Redis;
using Zim.Server.RequestLog;
using Zim.Server.Seed;
using Zim.Server.Secrets;
using Zim.Server.Storage;
using Zim.Server.Users;
using Zim.Server.WebConsole;

namespace Zim.Server;

/// <summary>
/// The server's table of contents: every part it is made of, in the order it is set up and then served.
/// <c>dotnet run</c> starts here; <see cref="ZimServerHost"/> runs the same parts for <c>zim serve</c> and
/// <c>Zim.Emulator</c>.
/// </summary>
internal static class Program
{
    /// <summary>Runs the server until it is stopped: 0, or 1 with one line on standard error when it cannot start.</summary>
    public static Task<int> Main(string[] args) => ZimServerHost.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    internal static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddZimHosting();
        builder.Services.AddZimStorage(builder.Configuration);
        builder.Services.AddZimSecrets();
        builder.Services.AddZimApps();
        builder.Services.AddZimRedis();
        builder.Services.AddZimAuth();
        builder.Services.AddZimRateLimits();
        builder.Services.AddZimApi();
        builder.Services.AddZimUsers();
        builder.Services.AddZimFriends();
        builder.Services.AddZimBlocklist();
        builder.Services.AddZimAdmin();
        builder.Services.AddZimRequestLog();
        builder.Services.AddZimCallRate();
        builder.Services.AddZimFaults();
        builder.Services.AddZimCallbacks();
        builder.Services.AddZimMetrics();
        builder.Services.AddZimOpenApi();
        builder.Services.AddZimSeed();
        return builder.Build();
    }

    internal static async Task PrepareAsync(WebApplication app)
    {
        await app.InitializeZimAsync();
        app.MapHealth();
        app.MapZimApi();
        app.MapZimAdmin();
        app.MapZimMetrics();
        app.MapZimOpenApi();
        app.MapZimConsole();
    }
}
