using Zim.Server;
using Zim.Server.Admin;
using Zim.Server.Api;
using Zim.Server.Apps;
using Zim.Server.Auth;
using Zim.Server.Faults;
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

var builder = WebApplication.CreateSlimBuilder(HostingSetup.Arguments(args));
builder.AddZimHosting();
builder.Services.AddZimStorage(builder.Configuration);
builder.Services.AddZimSecrets();
builder.Services.AddZimApps();
builder.Services.AddZimRedis();
builder.Services.AddZimAuth();
builder.Services.AddZimRateLimits();
builder.Services.AddZimApi();
builder.Services.AddZimUsers();
builder.Services.AddZimAdmin();
builder.Services.AddZimRequestLog();
builder.Services.AddZimFaults();
builder.Services.AddZimMetrics();
builder.Services.AddZimOpenApi();
builder.Services.AddZimSeed();

try
{
    // Inside the try: building the app reads the Kestrel settings.
    var app = builder.Build();
    await app.InitializeZimAsync();
    app.MapHealth();
    app.MapZimApi();
    app.MapZimAdmin();
    app.MapZimMetrics();
    app.MapZimOpenApi();
    app.MapZimConsole();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (OptionsBinding.Describe(e) is { } error)
{
    // A configuration that can never work (a setting of the wrong type included): say what to fix, in one
    // place, without a stack trace.
    Console.Error.WriteLine($"Configuration error: {error}");
    return 1;
}
catch (StartupRefusal e)
{
    // Something outside the configuration that this server must not run on (a damaged database, a key that
    // does not fit): the same one line, for the operator, never a secret.
    Console.Error.WriteLine($"Cannot start: {e.Message}");
    return 1;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
