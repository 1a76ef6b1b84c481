using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;

namespace Zim.Client.Bulk;

/// <summary>
/// The local check of a bulk registration, in input order: the server's own rules, then repeats of an
/// earlier user of the same input (which the server would answer with 660700002). Not thread-safe.
/// </summary>
public sealed class UserScreen(int userNameMaxBytes = ZimLimits.DefaultUserNameMaxBytes)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>Null when the user should be sent; otherwise the user's outcome, decided without a call.</summary>
    public UserOutcome? Check(RegisterUserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (UserRules.CheckRegistration(user, userNameMaxBytes) is { } violation)
        {
            return new UserOutcome(user, OutcomeKind.Rejected, violation.SubCode, violation.Message);
        }
        return seen.Add(user.UserId)
            ? null
            : new UserOutcome(user, OutcomeKind.AlreadyRegistered, ZimCode.UserExists, "User already exists: it appears earlier in this input.");
    }
}
