namespace Zim.Client.Bulk;

/// <summary>
/// Registers any number of users: checks each locally with the server's own rules, sends the valid ones in
/// batches of up to 100 through a <see cref="ZimClient"/> (which paces and retries), and accounts for every
/// user exactly once: registered, already registered, rejected with the reason, or failed.
/// </summary>
public sealed class ZimBulkRegistrar(ZimClient client)
{
    /// <summary>Registers the users of a sequence.</summary>
    public Task<BulkResult> RegisterAsync(IEnumerable<Protocol.Wire.RegisterUserInfo> users, BulkRegistrationOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RegisterAsync(users.ToAsyncEnumerable(), options, cancellationToken);

    /// <summary>
    /// Registers the users of an asynchronous sequence, reading it once and no faster than the calls go.
    /// A call that fails as a whole after its retries (network down, wrong secret, the clock far off) stops the
    /// run: the users of the batches not sent are reported as failed, and the rest of the input is not read.
    /// Cancelling throws <see cref="OperationCanceledException"/>; the observer has every outcome known by then.
    /// </summary>
    public Task<BulkResult> RegisterAsync(IAsyncEnumerable<Protocol.Wire.RegisterUserInfo> users, BulkRegistrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        options ??= new BulkRegistrationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.BatchSize, Protocol.ZimLimits.MaxBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1);
        return new BulkRun(client, options).ExecuteAsync(users, cancellationToken);
    }
}
