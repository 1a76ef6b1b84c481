using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Server.Users;

/// <summary>
/// The shape shared by UserRegister and ModifyUserInfo: read the <c>UserInfo</c> entries, fail each invalid
/// one in place, hand the rest to the store, fail those it did not apply, and answer by the batch rule.
/// </summary>
internal sealed class UserBatch
{
    private readonly UserError?[] errors;

    private UserBatch(int count)
    {
        errors = new UserError?[count];
        Accepted = new List<(int Index, UserInfoChange Change)>(count);
    }

    /// <summary>The entries that passed every check, with their place in the request.</summary>
    public List<(int Index, UserInfoChange Change)> Accepted { get; }

    /// <summary>
    /// Reads the entries, or returns the message of a whole-request failure. With <paramref name="repeated"/>,
    /// a UserId met again after a valid entry fails with that error instead of being accepted twice.
    /// </summary>
    public static string? Read(ReadOnlyMemory<byte> body, bool withExtra, int userNameMaxBytes, Func<string, UserError>? repeated, out UserBatch batch,
        bool? bot = null, int max = ZimLimits.MaxBatch)
    {
        using var parsed = JsonBody.Parse(body);
        var invalid = JsonBody.ReadBatch(parsed, "UserInfo", max, out var array);
        batch = new UserBatch(invalid is null ? array.GetArrayLength() : 0);
        if (invalid is not null)
        {
            return invalid;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return $"UserInfo[{index}] is not an object.";
            }
            var entry = UserEntry.Read(element, withExtra, userNameMaxBytes, bot);
            if (entry.Violation is { } violation)
            {
                batch.errors[index] = new UserError(entry.ReportedId, violation.SubCode, violation.Message);
            }
            else if (repeated is not null && !seen.Add(entry.ReportedId))
            {
                batch.errors[index] = repeated(entry.ReportedId);
            }
            else
            {
                batch.Accepted.Add((index, entry.Change!));
            }
            index++;
        }
        return null;
    }

    /// <summary>Fails each accepted entry the store did not apply; the Code, Message and ErrorList of the answer.</summary>
    public (int Code, string Message, List<UserError> ErrorList) Finish(bool[] applied, Func<string, UserError> notApplied, string pastTense)
    {
        var succeeded = 0;
        for (var i = 0; i < Accepted.Count; i++)
        {
            if (applied[i])
            {
                succeeded++;
            }
            else
            {
                errors[Accepted[i].Index] = notApplied(Accepted[i].Change.UserId);
            }
        }
        var errorList = errors.OfType<UserError>().ToList();
        var (code, message) = BatchOutcome.Of(succeeded, errorList, pastTense);
        return (code, message, errorList);
    }
}
