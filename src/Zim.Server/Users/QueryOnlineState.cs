using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Users;

/// <summary>
/// <c>QueryUserOnlineState</c> (GET, repeated <c>UserId[]</c>). A user with an open session (logged in on the
/// login path) is <c>Online</c>; one whose last session ended as a lost connection within 120 s is
/// <c>Offline</c>; every other user (never logged in, logged out, offline for longer, unknown) goes to
/// ErrorList with 660200001, as the real service answers.
/// </summary>
internal sealed class QueryOnlineState(ISessionStore sessions, TimeProvider clock) : IActionHandler
{
    private const string Key = "UserId[]";

    public ZimAction Action => ZimAction.QueryUserOnlineState;

    public ZimResponse Reject(int code, string message) => new QueryUserOnlineStateResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var ids = QueryValues.Of(request.Query, Key);
        if (ids.Count == 0)
        {
            return Reject(ZimCode.InvalidParameter, $"{Key} is missing: send 1 to {ZimLimits.MaxBatch} keys such as {Key}=a&{Key}=b.");
        }
        if (ids.Count > ZimLimits.MaxBatch)
        {
            return Reject(ZimCode.TooManyEntries, $"{Key} holds {ids.Count} ids; the limit is {ZimLimits.MaxBatch}.");
        }

        // Like a UserId in a body that is not valid Unicode, one that is not UTF-8 is reported as "".
        var checkedIds = ids.Select(entry => (Id: entry.Text, Violation: entry.Problem is null
            ? UserRules.CheckUserId(entry.Text)
            : new Violation(ZimCode.InvalidParameter, $"This {Key} {entry.Problem}."))).ToList();
        var valid = checkedIds.Where(c => c.Violation is null).Select(c => c.Id!).Distinct(StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var presence = valid.Count == 0 ? new Dictionary<string, Presence>()
            : PresenceOf(await sessions.RecentAsync(request.App.AppId, valid, now - SessionRules.OfflineSeconds, cancellationToken));

        var result = new List<UserOnlineState>();
        var errors = new List<UserError>(ids.Count);
        foreach (var (id, violation) in checkedIds)
        {
            if (violation is { } v)
            {
                errors.Add(new UserError(id ?? "", v.SubCode, v.Message));
            }
            else if (presence.TryGetValue(id!, out var state))
            {
                result.Add(new UserOnlineState(id!, state == Presence.Online ? "Online" : "Offline"));
            }
            else
            {
                errors.Add(new UserError(id!, ZimCode.UserNotOnline, "User is not online."));
            }
        }
        var (code, message) = BatchOutcome.Of(result.Count, errors, "online");
        return new QueryUserOnlineStateResponse { Code = code, Message = message, Result = result, ErrorList = errors };
    }

    /// <summary>Online with any open session; Offline when the last session to end ended as a lost connection.</summary>
    private static Dictionary<string, Presence> PresenceOf(IReadOnlyList<SessionRecord> recent)
    {
        var presence = new Dictionary<string, Presence>(StringComparer.Ordinal);
        foreach (var user in recent.GroupBy(s => s.UserId, StringComparer.Ordinal))
        {
            if (user.Any(s => s.IsOpen))
            {
                presence[user.Key] = Presence.Online;
            }
            // The last to end: by time, and among ends in the same second by the order they came in.
            else if (user.OrderBy(s => s.EndedAt).ThenBy(s => s.EndOrder).Last().EndKind == SessionRecord.Offline)
            {
                presence[user.Key] = Presence.Offline;
            }
        }
        return presence;
    }
}
