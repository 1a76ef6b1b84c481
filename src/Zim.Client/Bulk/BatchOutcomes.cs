using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Client.Bulk;

/// <summary>Reads a <c>UserRegister</c> answer into one outcome per user of the batch.</summary>
internal static class BatchOutcomes
{
    public static BatchReport Of(long index, RegisterUserInfo[] users, UserRegisterResponse response)
    {
        // The batch holds no UserId twice, so the ErrorList maps one to one.
        var errors = new Dictionary<string, UserError>(response.ErrorList.Count, StringComparer.Ordinal);
        foreach (var error in response.ErrorList)
        {
            errors.TryAdd(error.UserId, error);
        }
        var outcomes = new UserOutcome[users.Length];
        for (var i = 0; i < users.Length; i++)
        {
            var user = users[i];
            outcomes[i] = errors.TryGetValue(user.UserId, out var error)
                ? new UserOutcome(user, error.SubCode == ZimCode.UserExists ? OutcomeKind.AlreadyRegistered : OutcomeKind.Rejected, error.SubCode, error.SubMessage)
                : response.Code == ZimCode.Success
                    ? new UserOutcome(user, OutcomeKind.Registered, ZimCode.Success, ZimResponse.SuccessMessage)
                    : new UserOutcome(user, OutcomeKind.Failed, response.Code, response.Message);
        }
        return new BatchReport(index, outcomes);
    }

    public static BatchReport Failed(long index, RegisterUserInfo[] users, int code, string reason) =>
        new(index, Array.ConvertAll(users, user => new UserOutcome(user, OutcomeKind.Failed, code, reason)));
}
