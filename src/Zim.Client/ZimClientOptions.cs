namespace Zim.Client;

/// <summary>Where and as which app a <see cref="ZimClient"/> calls, and how it paces and retries.</summary>
public sealed record ZimClientOptions
{
    /// <summary>The app's numeric id.</summary>
    public required uint AppId { get; init; }

    /// <summary>The app's 32-character server secret. Used to sign calls; never sent or logged.</summary>
    public required string ServerSecret { get; init; }

    /// <summary>The API's base address: a self-hosted server, or one of the vendor's regional hosts.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>
    /// Calls per second per action that the client allows itself (the app's limit on the server); 0 turns
    /// pacing off. The default is the real service's 20.
    /// </summary>
    public int QpsLimit { get; init; } = Protocol.ZimLimits.DefaultQpsLimit;

    /// <summary>Attempts of one call that fails with 660000001, code 1, or a transport error, before giving up.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Attempts of one call that the server refuses for its rate limit, before giving up.</summary>
    public int MaxRateLimitedAttempts { get; init; } = 60;

    /// <summary>The first retry delay; later ones double, up to <see cref="MaxRetryDelay"/>, with full jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The clock that timestamps calls and paces them; the system clock unless a test sets one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
