namespace Zim.Server.Storage;

/// <summary>The database as a whole: its schema and whether it answers.</summary>
internal interface IStorage
{
    /// <summary>Creates what is missing of the schema; safe to run at every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// When <paramref name="exception"/> means the database itself cannot be used (damaged, unwritable,
    /// unreachable), why; null for any other failure.
    /// </summary>
    StoreFault? DescribeFault(Exception exception);
}
