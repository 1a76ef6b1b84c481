using Zim.Protocol;
using Zim.Protocol.Admin;

namespace Zim.Server.Faults;

/// <summary>
/// One app's faults: shares that never change (new settings replace the whole object) and the rules still
/// counting down. Every call that matches a rule takes one count under the lock, so of many concurrent calls
/// exactly Count get it.
/// </summary>
internal sealed class AppFaults(FaultSettings settings)
{
    private readonly List<FaultRule> rules = [.. settings.Rules];

    public FaultSettings Shares { get; } = settings with { Next = null };

    /// <summary>The settings as they are now, with the counts still left.</summary>
    public FaultSettings Snapshot()
    {
        lock (rules)
        {
            return Shares with { Next = [.. rules] };
        }
    }

    /// <summary>Adds a rule after the others; null when done, else why not.</summary>
    public string? Append(FaultRule rule)
    {
        lock (rules)
        {
            if (rules.Count >= FaultSettings.MaxRules)
            {
                return $"This app has {FaultSettings.MaxRules} rules waiting already; wait for some to be used up or replace them.";
            }
            rules.Add(rule);
            return null;
        }
    }

    /// <summary>Uses up one count of the first rule that matches the action; that rule, or null when none matches.</summary>
    public FaultRule? Take(ZimAction action)
    {
        lock (rules)
        {
            var index = rules.FindIndex(rule => rule.Matches(action));
            if (index < 0)
            {
                return null;
            }
            var rule = rules[index];
            if (rule.Count <= 1)
            {
                rules.RemoveAt(index);
            }
            else
            {
                rules[index] = rule with { Count = rule.Count - 1 };
            }
            return rule;
        }
    }
}
