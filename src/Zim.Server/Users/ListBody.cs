using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;

namespace Zim.Server.Users;

/// <summary>
/// The whole-call part of a body with <c>FromUserId</c> and a list of 1 to a batch size entries (the blocklist
/// and friend POSTs), in one order: the list's shape, FromUserId, the action's other fields, and only then the
/// list's length, which has a code of its own.
/// </summary>
internal static class ListBody
{
    /// <summary>FromUserId, with <paramref name="array"/> the list; or, with a null id, the whole call's Code and sentence.</summary>
    public static (string? From, int Code, string Problem) Read(ParsedBody parsed, string listName, int max, int tooLongCode,
        Func<JsonElement, string?>? rest, out JsonElement array)
    {
        var shape = JsonBody.ReadBatch(parsed, listName, max, out array);
        var tooMany = shape is not null && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > max;
        if (shape is not null && !tooMany)
        {
            return (null, ZimCode.InvalidParameter, shape);
        }
        var root = parsed.Document!.RootElement;
        var from = FromUser.Read(root);
        if ((from.Problem ?? rest?.Invoke(root)) is { } problem)
        {
            return (null, ZimCode.InvalidParameter, problem);
        }
        return tooMany ? (null, tooLongCode, shape!) : (from.Id, ZimCode.Success, "");
    }

    /// <summary>A target UserId as sent (<c>""</c> when not a string) and why it is not a valid UserId, if it is not.</summary>
    public static (string Id, Violation? Violation) ReadId(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return ("", new(ZimCode.InvalidParameter, $"{name} is not a string."));
        }
        if (JsonBody.ReadString(element, out var id) is { } escape)
        {
            return ("", new(ZimCode.InvalidParameter, JsonBody.NotUnicode(name, escape)));
        }
        return (id!, UserRules.CheckUserId(id));
    }

    /// <summary>A required number that must be 0 or 1 (DeleteType, CheckType); null when it is, otherwise the sentence of a 660000002.</summary>
    public static string? ReadZeroOrOne(JsonElement root, string name, out int value)
    {
        value = 0;
        if (!JsonBody.TryGet(root, name, out var element))
        {
            return $"{name} is missing: send 0 (two-way) or 1 (one-way).";
        }
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value) && value is 0 or 1
            ? null
            : $"{name} must be the number 0 (two-way) or 1 (one-way), not {element.GetRawText()}.";
    }
}
