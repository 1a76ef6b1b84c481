using Microsoft.Extensions.Options;
using Zim.Server.Admin;
using Zim.Server.Apps;
using Zim.Server.Redis;
using Zim.Server.Seed;
using Zim.Server.Secrets;
using Zim.Server.Storage;

namespace Zim.Server;

internal static class Startup
{
    /// <summary>
    /// Checks the settings, creates the schema, checks the secrets' key and seals what is not sealed yet, loads
    /// the apps, connects to Redis and registers the seed's users, before the first request is served. A database
    /// that cannot be used (damaged, unwritable, unreachable) stops the start with the reason, in one sentence.
    /// </summary>
    public static async Task InitializeZimAsync(this WebApplication app)
    {
        // Every setting first, all together, so that a configuration that cannot work is refused before anything
        // is touched, in one line (the host would validate them too, later, and log a failure with its stack).
        app.Services.GetService<IStartupValidator>()?.Validate();
        var storage = app.Services.GetRequiredService<IStorage>();
        try
        {
            await storage.InitializeAsync(CancellationToken.None);
            await app.Services.GetRequiredService<IAdminStore>().InitializeAsync(CancellationToken.None);
            await app.Services.GetRequiredService<SecretsBootstrap>().LoadAsync(CancellationToken.None);
            await app.Services.GetRequiredService<AppBootstrap>().LoadAsync(CancellationToken.None);
            await app.Services.GetRequiredService<AdminBootstrap>().LoadAsync(CancellationToken.None);
        }
        catch (Exception e) when (storage.DescribeFault(e) is { } fault)
        {
            throw new StartupRefusal(fault.Description, e);
        }
        await app.Services.GetRequiredService<RedisConnection>().ConnectAsync();
        await app.Services.GetRequiredService<Seeder>().RunAsync(CancellationToken.None);
        await app.Services.GetRequiredService<RelationSeeder>().RunAsync(CancellationToken.None);
    }
}
