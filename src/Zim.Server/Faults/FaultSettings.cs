namespace Zim.Server.Faults;

/// <summary>
/// What share (0 to 1) of an app's signed calls to answer with 660000001, or with the action's rate-limit
/// code, and what share to delay by <c>LatencyMs</c>. All zero, the default, injects nothing.
/// </summary>
internal sealed record FaultSettings(double InternalErrorShare = 0, double RateLimitShare = 0, double LatencyShare = 0, int LatencyMs = 0)
{
    public const int MaxLatencyMs = 60_000;

    public static readonly FaultSettings None = new();

    /// <summary>Null when the settings are usable; otherwise what is wrong with them.</summary>
    public string? Problem() =>
        new[] { InternalErrorShare, RateLimitShare, LatencyShare }.Any(share => share is < 0 or > 1 || double.IsNaN(share))
            ? "Each share must be between 0 and 1."
            : InternalErrorShare + RateLimitShare > 1
                ? "InternalErrorShare and RateLimitShare together must not pass 1."
                : LatencyMs is < 0 or > MaxLatencyMs
                    ? $"LatencyMs must be 0 to {MaxLatencyMs}."
                    : null;
}
