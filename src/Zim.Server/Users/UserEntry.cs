using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;

namespace Zim.Server.Users;

/// <summary>One entry of a <c>UserInfo</c> array, read and checked with the contract's per-user rules.</summary>
internal readonly record struct UserEntry(string ReportedId, UserInfoChange? Change, Violation? Violation)
{
    /// <summary>Reads one entry; <c>bot</c> is true for a bot, false for a user, null when either may be named (a change).</summary>
    public static UserEntry Read(JsonElement entry, bool withExtra, int userNameMaxBytes, bool? bot = null)
    {
        string reportedId;
        Violation? violation;
        if (!JsonBody.TryGet(entry, "UserId", out var idElement))
        {
            reportedId = "";
            violation = new(ZimCode.InvalidParameter, "UserId is missing.");
        }
        else if (idElement.ValueKind != JsonValueKind.String)
        {
            reportedId = Clip(idElement.GetRawText());
            violation = new(ZimCode.InvalidParameter, "UserId must be a string.");
        }
        else if (JsonBody.ReadString(idElement, out var id) is { } escape)
        {
            reportedId = "";
            violation = new(ZimCode.InvalidParameter, JsonBody.NotUnicode("UserId", escape));
        }
        else
        {
            reportedId = id!;
            violation = UserRules.CheckUserId(id) ?? (bot is { } kind ? UserRules.CheckKind(id!, kind) : null);
        }
        if (violation is not null)
        {
            return new(reportedId, null, violation);
        }

        string? avatar = null, extra = null;
        violation = JsonBody.ReadOptionalString(entry, "UserName", out var name)
            ?? JsonBody.ReadOptionalString(entry, "UserAvatar", out avatar)
            ?? (withExtra ? JsonBody.ReadOptionalString(entry, "Extra", out extra) : null)
            ?? UserRules.CheckProfile(name, avatar, extra, userNameMaxBytes);
        return violation is null
            ? new(reportedId, new UserInfoChange(reportedId, name, avatar, extra), null)
            : new(reportedId, null, violation);
    }

    private static string Clip(string raw) =>
        raw.Length <= 64 ? raw : raw[..(char.IsHighSurrogate(raw[63]) ? 63 : 64)];
}
