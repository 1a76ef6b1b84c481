using Zim.Server.Admin;
using Zim.Server.Apps;
using Zim.Server.Seed;
using Zim.Server.Shared;
using Zim.Server.Storage;

namespace Zim.Server;

internal static class Startup
{
    /// <summary>
    /// Creates the schema, loads the apps, connects to Redis and registers the seed's users before the first
    /// request is served.
    /// </summary>
    public static async Task InitializeZimAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<IStorage>().InitializeAsync(CancellationToken.None);
        await app.Services.GetRequiredService<AppBootstrap>().LoadAsync(CancellationToken.None);
        await app.Services.GetRequiredService<AdminBootstrap>().LoadAsync(CancellationToken.None);
        await app.Services.GetRequiredService<SharedState>().ConnectAsync();
        await app.Services.GetRequiredService<Seeder>().RunAsync(CancellationToken.None);
    }
}
