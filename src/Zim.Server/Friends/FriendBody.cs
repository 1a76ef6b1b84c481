using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Server.Api;
using Zim.Server.Users;

namespace Zim.Server.Friends;

/// <summary>
/// The body of a friend POST with a list: <c>FromUserId</c>, 1 to the friend batch size entries (too many is
/// 660800019) and, for some actions, a required <c>DeleteType</c> or <c>CheckType</c> of 0 or 1. Shape errors,
/// an entry that should be an object and is not among them, fail the whole call with 660000002.
/// </summary>
internal sealed record FriendBody<T>(string FromUserId, int Type, IReadOnlyList<FriendEntry<T>> Entries)
{
    /// <summary>The limits the call runs under (its app's own over the server's).</summary>
    public ActionLimits Limits { get; init; } = null!;

    /// <summary>The values of the entries that passed every check, in request order.</summary>
    public List<T> Valid => FriendAnswers.Valid(Entries);

    public static (FriendBody<T>? Body, int Code, string Problem) Read(ReadOnlyMemory<byte> bytes, string listName, int max, string? typeName,
        bool objects, Func<JsonElement, string, string, FriendEntry<T>> readEntry)
    {
        using var parsed = JsonBody.Parse(bytes);
        var type = 0;
        var (from, code, problem) = ListBody.Read(parsed, listName, max, ZimCode.FriendBatchTooLong,
            typeName is null ? null : root => ListBody.ReadZeroOrOne(root, typeName, out type), out var array);
        if (from is null)
        {
            return (null, code, problem);
        }
        var entries = new List<FriendEntry<T>>();
        foreach (var element in array.EnumerateArray())
        {
            var name = $"{listName}[{entries.Count}]";
            if (objects && element.ValueKind != JsonValueKind.Object)
            {
                return (null, ZimCode.InvalidParameter, $"{name} is not an object.");
            }
            entries.Add(readEntry(element, name, from));
        }
        return (new FriendBody<T>(from, type, entries), ZimCode.Success, "");
    }
}

/// <summary>The per-entry id checks of the friend lists.</summary>
internal static class FriendIds
{
    public static readonly Violation Repeated = new(ZimCode.UserIdRepeated, "User appears earlier in this request.");

    /// <summary>
    /// A reader of string entries (DeleteFriends, CheckFriendsRelation), in the contract's order: the UserId rules,
    /// then <paramref name="self"/> for FromUserId itself, then, when <paramref name="repeatFails"/>, 660800022 for a repeat.
    /// </summary>
    public static Func<JsonElement, string, string, FriendEntry<string>> Strings(Violation self, bool repeatFails)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return (element, name, from) =>
        {
            var (id, violation) = ListBody.ReadId(element, name);
            return new(id, violation ?? Check(id, from, self, repeatFails ? seen : null), id);
        };
    }

    /// <summary>The <c>UserId</c> of an object entry, and why it is missing or not a valid UserId, if it is.</summary>
    public static (string Id, Violation? Violation) InObject(JsonElement entry, string name) =>
        JsonBody.TryGet(entry, "UserId", out var element)
            ? ListBody.ReadId(element, name + ".UserId")
            : ("", new(ZimCode.InvalidParameter, $"{name}.UserId is missing."));

    /// <summary><paramref name="self"/> for FromUserId itself; 660800022 when <paramref name="seen"/> has the id already.</summary>
    public static Violation? Check(string id, string from, Violation? self, HashSet<string>? seen) =>
        self is not null && string.Equals(id, from, StringComparison.Ordinal) ? self
        : seen is not null && !seen.Add(id) ? Repeated
        : null;
}
