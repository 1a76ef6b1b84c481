using System.Text.Json.Serialization;

namespace Zim.Protocol.Admin;

/// <summary>
/// An app's fault settings on one server instance: the rules in <see cref="Next"/>, applied in order, then what share
/// (0 to 1) of the other signed calls to answer with 660000001 or with the action's rate-limit code; and what share of
/// calls to delay by <see cref="LatencyMs"/> first. All zero and no rules, the default, injects nothing.
/// </summary>
/// <param name="InternalErrorShare">The share of calls answered with 660000001 (internal error).</param>
/// <param name="RateLimitShare">The share of calls answered with the called action's rate-limit code.</param>
/// <param name="LatencyShare">The share of calls delayed by <paramref name="LatencyMs"/> before they are answered.</param>
/// <param name="LatencyMs">The delay, 0 to <see cref="MaxLatencyMs"/> milliseconds.</param>
/// <param name="Next">Deterministic faults, first matching rule first; null or empty for none. The server answers with the counts still left.</param>
public sealed record FaultSettings(
    double InternalErrorShare = 0, double RateLimitShare = 0, double LatencyShare = 0, int LatencyMs = 0, IReadOnlyList<FaultRule>? Next = null)
{
    /// <summary>The longest delay, in milliseconds.</summary>
    public const int MaxLatencyMs = 60_000;

    /// <summary>The most rules an app may have waiting at once.</summary>
    public const int MaxRules = 100;

    /// <summary>Nothing injected.</summary>
    public static FaultSettings None { get; } = new(Next: []);

    /// <summary>The rules, never null.</summary>
    [JsonIgnore]
    public IReadOnlyList<FaultRule> Rules => Next ?? [];

    /// <summary>True when these settings inject nothing.</summary>
    [JsonIgnore]
    public bool IsNone => InternalErrorShare == 0 && RateLimitShare == 0 && (LatencyShare == 0 || LatencyMs == 0) && Rules.Count == 0;

    /// <summary>Null when the settings are usable; otherwise a sentence saying what is wrong with them.</summary>
    public string? Problem() =>
        new[] { InternalErrorShare, RateLimitShare, LatencyShare }.Any(share => share is < 0 or > 1 || double.IsNaN(share))
            ? "Each share must be between 0 and 1."
            : InternalErrorShare + RateLimitShare > 1
                ? "InternalErrorShare and RateLimitShare together must not pass 1."
                : LatencyMs is < 0 or > MaxLatencyMs
                    ? $"LatencyMs must be 0 to {MaxLatencyMs}."
                    : Rules.Count > MaxRules
                        ? $"Next may hold at most {MaxRules} rules."
                        : RuleProblem();

    private string? RuleProblem()
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i] is null)
            {
                return $"Next[{i}] must be a rule object, not null.";
            }
            if (Rules[i].Problem() is { } problem)
            {
                return $"Next[{i}]: {problem}";
            }
        }
        return null;
    }
}
