namespace Zim.Server.Apps;

/// <summary>
/// The apps every instance serves, kept in the database so that all instances see the same (the stores
/// are in Storage/). Secrets are sealed on the way in and opened on the way out (an <c>ISecretSeal</c>).
/// </summary>
internal interface IAppStore
{
    /// <summary>Every stored app.</summary>
    Task<IReadOnlyList<AppRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores the app, replacing a stored app with the same AppId.</summary>
    Task UpsertAsync(AppRecord app, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="app"/> only if no app is stored at all, atomically across instances;
    /// true when it was stored.
    /// </summary>
    Task<bool> CreateIfNoneAsync(AppRecord app, CancellationToken cancellationToken);

    /// <summary>Every app's secrets exactly as stored.</summary>
    Task<IReadOnlyList<StoredSecrets>> ListStoredSecretsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an app's stored secrets with <paramref name="replacement"/> if they still are
    /// <paramref name="expected"/>; false when something changed them first.
    /// </summary>
    Task<bool> ReplaceStoredSecretsAsync(StoredSecrets expected, StoredSecrets replacement, CancellationToken cancellationToken);

    /// <summary>
    /// After replacements, removes the replaced values from the database's files where the store can
    /// (SQLite: its WAL; PostgreSQL: the dead row versions of the apps table).
    /// </summary>
    Task PurgeReplacedSecretsAsync(CancellationToken cancellationToken);
}

/// <summary>An app's secrets exactly as stored: sealed, or clear text from before sealing.</summary>
internal sealed record StoredSecrets(uint AppId, string ServerSecret, string? PreviousSecret, string? CallbackSecret = null);
