using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Blocklist;

/// <summary>One entry of <c>UserIds</c>: the id as sent (<c>""</c> when not a string), and why it fails on its own, if it does.</summary>
internal readonly record struct BlocklistEntry(string UserId, Violation? Violation);

/// <summary>
/// The body that the three blocklist POSTs share: <c>FromUserId</c> and 1 to the batch size <c>UserIds</c>.
/// Shape errors fail the whole call with 660000002 and too many ids with 660800039; an entry that is not a
/// valid UserId, or (when <c>selfFails</c>) is <c>FromUserId</c> itself, fails alone.
/// </summary>
internal sealed record BlocklistBody(string FromUserId, IReadOnlyList<BlocklistEntry> Entries)
{
    /// <summary>The entries that passed every check, in request order.</summary>
    public List<string> Targets => [.. Entries.Where(e => e.Violation is null).Select(e => e.UserId)];

    public static (BlocklistBody? Body, int Code, string Problem) Read(ReadOnlyMemory<byte> bytes, int max, bool selfFails)
    {
        using var parsed = JsonBody.Parse(bytes);
        var (from, code, problem) = ListBody.Read(parsed, "UserIds", max, ZimCode.BlocklistBatchTooLong, rest: null, out var array);
        if (from is null)
        {
            return (null, code, problem);
        }
        var count = array.GetArrayLength();
        var entries = new List<BlocklistEntry>(count);
        foreach (var element in array.EnumerateArray())
        {
            entries.Add(ReadEntry(element, entries.Count, from, selfFails));
        }
        return (new BlocklistBody(from, entries), ZimCode.Success, "");
    }

    private static BlocklistEntry ReadEntry(JsonElement element, int index, string from, bool selfFails)
    {
        var (id, violation) = ListBody.ReadId(element, $"UserIds[{index}]");
        if (violation is not null)
        {
            return new(id, violation);
        }
        return selfFails && string.Equals(id, from, StringComparison.Ordinal)
            ? new(id, new(ZimCode.BlockingSelf, "This is FromUserId itself: a user cannot block or unblock itself."))
            : new(id, null);
    }

    /// <summary>
    /// The failure list in request order: each invalid entry, and each target whose outcome
    /// <paramref name="failure"/> turns into an error; every other target goes to <paramref name="succeeded"/>.
    /// </summary>
    public List<UserError> Errors(BlockOutcome[] outcomes, Func<string, BlockOutcome, UserError?> failure, Action<string, BlockOutcome> succeeded)
    {
        var errors = new List<UserError>();
        var next = 0;
        foreach (var entry in Entries)
        {
            if (entry.Violation is { } violation)
            {
                errors.Add(new UserError(entry.UserId, violation.SubCode, violation.Message));
                continue;
            }
            var outcome = outcomes[next++];
            if (failure(entry.UserId, outcome) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                succeeded(entry.UserId, outcome);
            }
        }
        return errors;
    }

    /// <summary>Code 0 when one user changed; otherwise the action's own "all failed" code.</summary>
    public static (int Code, string Message) Aggregate(int changed, List<UserError> errors, int allFailed, string pastTense) =>
        changed > 0 || errors.Count == 0
            ? (ZimCode.Success, ZimResponse.SuccessMessage)
            : (allFailed, errors.Count == 1 ? $"No user was {pastTense}: {errors[0].SubMessage}" : $"No user was {pastTense}; ErrList says why for each user.");
}
