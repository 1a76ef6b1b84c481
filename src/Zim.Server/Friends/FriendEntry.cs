using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Friends;

/// <summary>One entry of a friend call's list: the UserId as sent (<c>""</c> when not a string), why it fails on its own if it does, and what it asks for.</summary>
internal readonly record struct FriendEntry<T>(string UserId, Violation? Violation, T? Value);

/// <summary>The failure lists and Codes of the friend actions.</summary>
internal static class FriendAnswers
{
    /// <summary>The values of the entries that passed every check of the body, in request order: what the store decides on.</summary>
    public static List<T> Valid<T>(IReadOnlyList<FriendEntry<T>> entries) => [.. entries.Where(e => e.Violation is null).Select(e => e.Value!)];

    /// <summary>
    /// The failure list in request order: each entry that failed on its own, and each whose store outcome is a
    /// failure; <paramref name="succeeded"/> counts the others.
    /// </summary>
    public static List<UserError> Errors<T>(IReadOnlyList<FriendEntry<T>> entries, FriendOutcome[] outcomes, int friendsMax, out int succeeded)
    {
        var errors = new List<UserError>();
        var next = 0;
        succeeded = 0;
        foreach (var entry in entries)
        {
            if (entry.Violation is { } violation)
            {
                errors.Add(new UserError(entry.UserId, violation.SubCode, violation.Message));
            }
            else if (Error(entry.UserId, outcomes[next++], friendsMax) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                succeeded++;
            }
        }
        return errors;
    }

    /// <summary>The failure item of a store outcome; null for a success.</summary>
    public static UserError? Error(string userId, FriendOutcome outcome, int friendsMax) => outcome switch
    {
        FriendOutcome.NotRegistered => new(userId, ZimCode.QueryUserNotFound, "User is not registered in this app."),
        FriendOutcome.AlreadyFriend => new(userId, ZimCode.AlreadyFriend, "User is already on FromUserId's friend list."),
        FriendOutcome.Full => new(userId, ZimCode.FriendLimitReached,
            $"A friend list would pass its limit of {friendsMax} friends (FromUserId's, or this user's)."),
        FriendOutcome.NotFriend => new(userId, ZimCode.NotFriend, "User is not FromUserId's friend."),
        _ => null,
    };

    /// <summary>
    /// Section 2's Code: 0 when one entry succeeded; when <paramref name="allUnregistered"/> applies and every failure
    /// is 660700015, 660800025; otherwise the SubCode all failures share, or 660000002.
    /// </summary>
    public static (int Code, string Message) Code(int succeeded, List<UserError> errors, string pastTense, bool allUnregistered = false) =>
        allUnregistered && succeeded == 0 && errors.Count > 0 && errors.TrueForAll(e => e.SubCode == ZimCode.QueryUserNotFound)
            ? (ZimCode.NoTargetRegistered, "No target user is registered in this app; ErrorList names each.")
            : BatchOutcome.Of(succeeded, errors, pastTense);

    /// <summary>The whole call's answer when FromUserId is not registered.</summary>
    public static (int Code, string Message) NotRegistered(string fromUserId) => (ZimCode.FromUserNotRegistered, FromUser.NotRegistered(fromUserId));
}
