using Zim.Server.Apps;

namespace Zim.Server.Storage;

/// <summary>The apps that were created at run time (configured apps live in configuration).</summary>
internal interface IAppStore
{
    /// <summary>Every stored app.</summary>
    Task<IReadOnlyList<AppRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new app; false when an app with that AppId exists already.</summary>
    Task<bool> TryAddAsync(AppRecord app, CancellationToken cancellationToken);
}
