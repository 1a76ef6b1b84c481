using Microsoft.Extensions.Options;
using Zim.Server.Apps;
using Zim.Server.Storage.Postgres;
using Zim.Server.Storage.Sqlite;

namespace Zim.Server.Storage;

internal static class StorageSetup
{
    /// <summary>
    /// Registers the store named by <c>Storage:Provider</c>; every <see cref="IUserStoreObserver"/> is told how
    /// long its user store's calls take, whenever it is registered.
    /// </summary>
    public static IServiceCollection AddZimStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (options.IsPostgres)
        {
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<IStorage>(sp => sp.GetRequiredService<PostgresDatabase>());
            AddUserStore<PostgresUserStore>(services);
            services.AddSingleton<IAppStore, PostgresAppStore>();
            services.AddSingleton<IAdminStore, PostgresAdminStore>();
            services.AddSingleton<IUserAdminStore, PostgresUserAdminStore>();
            services.AddSingleton<ISessionStore, PostgresSessionStore>();
            services.AddSingleton<IBlocklistStore, PostgresBlocklistStore>();
            services.AddSingleton<IFriendStore, PostgresFriendStore>();
            services.AddSingleton<IRelationStore, PostgresRelationStore>();
        }
        else
        {
            services.AddSingleton<SqliteDatabase>();
            services.AddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteDatabase>());
            AddUserStore<SqliteUserStore>(services);
            services.AddSingleton<IAppStore, SqliteAppStore>();
            services.AddSingleton<IAdminStore, SqliteAdminStore>();
            services.AddSingleton<IUserAdminStore, SqliteUserAdminStore>();
            services.AddSingleton<ISessionStore, SqliteSessionStore>();
            services.AddSingleton<IBlocklistStore, SqliteBlocklistStore>();
            services.AddSingleton<IFriendStore, SqliteFriendStore>();
            services.AddSingleton<IRelationStore, SqliteRelationStore>();
        }
        return services;
    }

    private static void AddUserStore<T>(IServiceCollection services)
        where T : class, IUserStore
    {
        services.AddSingleton<T>();
        services.AddSingleton(sp => ObservedUserStore.Around(sp.GetRequiredService<T>(), sp));
    }

    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            if (!options.IsPostgres && !options.Provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
            {
                return ValidateOptionsResult.Fail($"Storage:Provider '{options.Provider}' is not known; use 'Sqlite' or 'Postgres'.");
            }
            return options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString)
                ? ValidateOptionsResult.Fail("Storage:ConnectionString is required with Storage:Provider=Postgres (an Npgsql connection string).")
                : ValidateOptionsResult.Success;
        }
    }
}
