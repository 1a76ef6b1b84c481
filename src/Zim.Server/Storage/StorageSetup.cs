using Microsoft.Extensions.Options;
using Zim.Server.Storage.Sqlite;

namespace Zim.Server.Storage;

internal static class StorageSetup
{
    /// <summary>Registers the store named by <c>Storage:Provider</c>.</summary>
    public static IServiceCollection AddZimStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, KnownProvider>();
        var provider = configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"] ?? "Sqlite";
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<SqliteDatabase>();
            services.AddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteDatabase>());
            services.AddSingleton<IUserStore, SqliteUserStore>();
            services.AddSingleton<IAppStore, SqliteAppStore>();
        }
        return services;
    }

    private sealed class KnownProvider : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Storage:Provider '{options.Provider}' is not known; use 'Sqlite'.");
    }
}
