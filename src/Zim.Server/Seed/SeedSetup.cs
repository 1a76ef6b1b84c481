using Microsoft.Extensions.Options;

namespace Zim.Server.Seed;

internal static class SeedSetup
{
    /// <summary>The seed file read at start-up (<c>Seed__Path</c>, <c>Seed__AppId</c>); nothing happens without a path.</summary>
    public static IServiceCollection AddZimSeed(this IServiceCollection services)
    {
        services.AddOptions<SeedOptions>().BindChecked(SeedOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SeedOptions>, SeedOptionsValidator>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<RelationSeeder>();
        return services;
    }
}
