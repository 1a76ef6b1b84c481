using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Server.Users;

/// <summary>The contract's rule for the Code of every batch call (section 5).</summary>
internal static class BatchOutcome
{
    /// <summary>
    /// 0 when at least one user succeeded; otherwise the SubCode that every failure shares, or 660000002
    /// when they differ.
    /// </summary>
    public static (int Code, string Message) Of(int succeeded, IReadOnlyList<UserError> errors, string pastTense, string listName = "ErrorList")
    {
        if (succeeded > 0 || errors.Count == 0)
        {
            return (ZimCode.Success, ZimResponse.SuccessMessage);
        }
        var shared = errors[0].SubCode;
        foreach (var error in errors)
        {
            if (error.SubCode != shared)
            {
                return (ZimCode.InvalidParameter, $"No user was {pastTense}; {listName} says why for each user.");
            }
        }
        return errors.Count == 1
            ? (shared, $"No user was {pastTense}: {errors[0].SubMessage}")
            : (shared, $"No user was {pastTense}: all {errors.Count} failed with SubCode {shared}; {listName} says why for each.");
    }
}
