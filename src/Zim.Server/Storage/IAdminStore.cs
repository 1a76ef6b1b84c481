namespace Zim.Server.Storage;

/// <summary>What the admin API needs beyond the ZIM actions: server settings, app removal and user counts.</summary>
internal interface IAdminStore
{
    /// <summary>Creates the settings table if missing; safe to run at every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> unless a value is stored already,
    /// atomically across instances; returns the stored value and whether it is the one just given.
    /// </summary>
    Task<(string Value, bool Created)> GetOrAddSettingAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any value stored.</summary>
    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>Deletes the app and every user of it in one transaction; false when no such app was stored.</summary>
    Task<bool> DeleteAppAsync(uint appId, CancellationToken cancellationToken);

    /// <summary>The number of users stored per app (apps without users are absent).</summary>
    Task<IReadOnlyDictionary<uint, long>> CountUsersAsync(CancellationToken cancellationToken);
}
