using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Friends;

/// <summary>
/// <c>UpdateFriendAttributes</c>: sets 1 to 5 of <c>FromUserId</c>'s attributes k0…k4 for one friend (an upsert;
/// keys not named keep their values). The body's own <c>Action</c> is the operation, 0 (set), never the API action.
/// Keys that are not set go to <c>FailKey</c>.
/// </summary>
internal sealed class UpdateFriendAttributes(IFriendStore store, TimeProvider clock) : IActionHandler
{
    public ZimAction Action => ZimAction.UpdateFriendAttributes;

    public ZimResponse Reject(int code, string message) => new UpdateFriendAttributesResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        using var parsed = JsonBody.Parse(request.Body);
        var (from, friend, keys, problem) = Read(parsed);
        if (problem is not null)
        {
            return Reject(ZimCode.InvalidParameter, problem);
        }
        var valid = keys.Where(k => k.Violation is null).Select(k => k.Value!).ToList();
        var limit = request.Limits.FriendAttributesMaxBytes;
        if (FriendFields.TooLong(keys.Where(k => k.Value is not null).Select(k => KeyValuePair.Create(k.Value!.Key, k.Value.Value)), limit) is { } tooLong)
        {
            return Reject(tooLong.SubCode, "This request's " + tooLong.Message[4..]);
        }
        var result = await store.ChangeAsync(request.App.AppId, from!, [friend!], clock.GetUtcNow().ToUnixTimeMilliseconds(),
            (state, changes) => FriendPlan.Attributes(friend!, valid, state, changes, limit), cancellationToken);
        if (result is null)
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(from!);
            return Reject(refusal, sentence);
        }
        if (result.NotFriend)
        {
            return Reject(ZimCode.NotFriend, $"User {friend} is not FromUserId's friend: add it first.");
        }
        return Answer(keys, result.Keys, limit);
    }

    private static (string? From, string? Friend, List<FriendEntry<FriendAttribute>> Keys, string? Problem) Read(ParsedBody parsed)
    {
        var shape = JsonBody.ReadBatch(parsed, "Attributes", ZimLimits.FriendAttributeKeys.Count, out var array);
        var root = parsed.Document?.RootElement ?? default;
        var from = root.ValueKind == JsonValueKind.Object ? FromUser.Read(root) : default;
        var (friend, friendProblem) = root.ValueKind == JsonValueKind.Object ? FriendIds.InObject(root, "body") : ("", null);
        var problem = shape is not null && root.ValueKind != JsonValueKind.Object ? shape
            : from.Problem ?? friendProblem?.Message ?? shape ?? ActionProblem(root);
        if (problem is not null)
        {
            return (null, null, [], problem);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<FriendEntry<FriendAttribute>>();
        foreach (var item in array.EnumerateArray())
        {
            var malformed = FriendFields.ReadAttribute(item, $"Attributes[{keys.Count}]", out var attribute);
            var key = attribute?.Key ?? KeyAsSent(item);
            var violation = malformed ?? FriendFields.KeyProblem(key)
                ?? (seen.Add(key) ? null : new Violation(ZimCode.AttributeKeyRepeated, $"Key {key} appears earlier in this request."));
            keys.Add(new(key, violation, attribute));
        }
        return (from.Id, friend, keys, null);
    }

    /// <summary>A malformed item's Key as sent, for FailKey: <c>""</c> when it is not a readable string.</summary>
    private static string KeyAsSent(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && JsonBody.TryGet(item, "Key", out var key) && key.ValueKind == JsonValueKind.String
            && JsonBody.ReadString(key, out var text) is null ? text! : "";

    private static string? ActionProblem(JsonElement root) =>
        !JsonBody.TryGet(root, "Action", out var action) || (action.ValueKind == JsonValueKind.Number && action.TryGetInt32(out var value) && value == 0)
            ? null
            : $"Action must be 0 (set), the only operation, not {action.GetRawText()}.";

    private static UpdateFriendAttributesResponse Answer(List<FriendEntry<FriendAttribute>> keys, FriendOutcome[] outcomes, int limit)
    {
        var failed = new List<KeyError>();
        var next = 0;
        foreach (var key in keys)
        {
            if (key.Violation is { } violation)
            {
                failed.Add(new KeyError(key.UserId, violation.SubCode, violation.Message));
            }
            else if (outcomes[next++] == FriendOutcome.TooLong)
            {
                failed.Add(new KeyError(key.UserId, ZimCode.AttributesTooLong, $"Storing {key.UserId} would take this friend's keys plus values over {limit} bytes."));
            }
        }
        var set = keys.Count - failed.Count;
        var codes = failed.Select(f => f.SubCode).Distinct().ToList();
        var (code, message) = set > 0 || failed.Count == 0 ? (ZimCode.Success, ZimResponse.SuccessMessage)
            : codes.Count == 1 ? (codes[0], failed.Count == 1 ? $"No attribute was set: {failed[0].SubMessage}" : $"No attribute was set: all failed with SubCode {codes[0]}; FailKey says why for each.")
            : (ZimCode.InvalidParameter, "No attribute was set; FailKey says why for each key.");
        return new UpdateFriendAttributesResponse { Code = code, Message = message, FailKey = failed };
    }
}
