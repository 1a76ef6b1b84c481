using System.ComponentModel.DataAnnotations;

namespace Zim.Server.Callbacks;

/// <summary>Section <c>Callbacks</c>: how server callbacks are delivered.</summary>
internal sealed class CallbackOptions
{
    public const string Section = "Callbacks";

    /// <summary>Events waiting or being retried at once, over all apps; beyond it a new event is dropped (and logged), never waited for.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    [Range(100, 60_000)]
    public int TimeoutMs { get; set; } = 3_000;

    /// <summary>Attempts sent at once, over all apps.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentSends { get; set; } = 32;

    /// <summary>Deliveries kept per app for the admin API.</summary>
    [Range(0, 100_000)]
    public int LogPerApp { get; set; } = 500;
}
