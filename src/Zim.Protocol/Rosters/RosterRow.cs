using Zim.Protocol.Wire;

namespace Zim.Protocol.Rosters;

/// <summary>
/// One record of a roster: the user it holds, or why it could not be read as one (<c>"line N: ..."</c>).
/// The user is not yet checked against the rules; <see cref="Validation.UserRules"/> does that.
/// </summary>
/// <param name="Line">The line the record starts on, counting from 1.</param>
/// <param name="User">The user, when the record could be read as one.</param>
/// <param name="Problem">Why it could not, when <paramref name="User"/> is null.</param>
public sealed record RosterRow(long Line, RegisterUserInfo? User, string? Problem);
