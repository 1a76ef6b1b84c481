using System.Text.Json.Serialization;

namespace Zim.Protocol.Admin;

/// <summary>
/// A deterministic fault: the next <see cref="Count"/> signed calls of <see cref="Action"/> (any action when null)
/// are answered with <see cref="Code"/> instead of running. Each matching call uses up one count; a rule whose
/// count reaches zero is gone.
/// </summary>
/// <param name="Action">The action name (<c>UserRegister</c>, ...), case-sensitive; null matches every action.</param>
/// <param name="Count">How many calls still get the code: 1 to <see cref="MaxCount"/> when set; fewer as calls use it up.</param>
/// <param name="Code">The code to answer with: any number other than 0.</param>
/// <param name="Message">The answer's Message; null for a sentence the server chooses by code.</param>
/// <remarks>A property it does not know is refused: a misspelt <c>Action</c> must not widen the rule to every action.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FaultRule(string? Action, int Count, int Code, string? Message = null)
{
    /// <summary>The largest <see cref="Count"/> a rule may be set with.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The longest <see cref="Message"/>, in characters.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>Null when the rule is usable; otherwise a sentence saying what is wrong with it.</summary>
    public string? Problem() =>
        Action is not null && ZimAction.Find(Action) is null
            ? $"Action '{Action}' is not one of {string.Join(", ", ZimAction.All.Select(action => action.Name))} (or null for any action)."
            : Count is < 1 or > MaxCount
                ? $"Count must be 1 to {MaxCount}."
                : Code == ZimCode.Success
                    ? "Code must not be 0: a fault answers with a failure code."
                    : Message is { Length: > MaxMessageLength }
                        ? $"Message may have at most {MaxMessageLength} characters."
                        : null;

    /// <summary>True when the rule applies to a call of <paramref name="action"/>.</summary>
    public bool Matches(ZimAction action) => Action is null || Action == action.Name;
}
