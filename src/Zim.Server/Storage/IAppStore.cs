using Zim.Server.Apps;

namespace Zim.Server.Storage;

/// <summary>The apps every instance serves, kept in the database so that all instances see the same.</summary>
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
}
