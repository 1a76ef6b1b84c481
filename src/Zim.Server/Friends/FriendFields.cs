using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Friends;

/// <summary>The checks of one entry's fields that several friend actions share, each in the contract's order.</summary>
internal static class FriendFields
{
    /// <summary>
    /// An optional <c>Wording</c> or <c>FriendAlias</c>: <c>""</c> when absent; 660000002 when not a string;
    /// 660800021 when longer than 256 characters (Unicode scalar values).
    /// </summary>
    public static Violation? ReadText(JsonElement entry, string name, out string text)
    {
        if (JsonBody.ReadOptionalString(entry, name, out var value) is { } violation)
        {
            text = "";
            return violation;
        }
        text = value ?? "";
        var length = text.EnumerateRunes().Count();
        return length > ZimLimits.FriendTextMaxChars
            ? new(ZimCode.FriendTextTooLong, $"{name} has {length} characters; the limit is {ZimLimits.FriendTextMaxChars}.")
            : null;
    }

    /// <summary>Reads both <c>Wording</c> and <c>FriendAlias</c>: type errors of either first, then lengths.</summary>
    public static Violation? ReadTexts(JsonElement entry, out string wording, out string alias)
    {
        var wordingProblem = ReadText(entry, "Wording", out wording);
        var aliasProblem = ReadText(entry, "FriendAlias", out alias);
        return Earlier(wordingProblem, aliasProblem);
    }

    /// <summary>
    /// An entry's optional <c>Attributes</c> (AddFriends, SendFriendApplication): malformed (660800026), a key
    /// outside k0…k4 (660800023), a key twice (660800032), keys plus values over <paramref name="maxBytes"/> (660800024).
    /// </summary>
    public static Violation? ReadAttributes(JsonElement entry, int maxBytes, out IReadOnlyList<FriendAttribute> attributes)
    {
        attributes = [];
        if (!JsonBody.TryGet(entry, "Attributes", out var array))
        {
            return null;
        }
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > ZimLimits.FriendAttributeKeys.Count)
        {
            return new(ZimCode.AttributeMalformed, $"Attributes must be an array of at most {ZimLimits.FriendAttributeKeys.Count} {{Key, Value}} objects.");
        }
        var items = new List<FriendAttribute>();
        foreach (var item in array.EnumerateArray())
        {
            if (ReadAttribute(item, $"Attributes[{items.Count}]", out var attribute) is { } malformed)
            {
                return malformed;
            }
            items.Add(attribute!);
        }
        var violation = items.Select(a => KeyProblem(a.Key)).FirstOrDefault(v => v is not null)
            ?? (items.DistinctBy(a => a.Key, StringComparer.Ordinal).Count() < items.Count
                ? new Violation(ZimCode.AttributeKeyRepeated, "Attributes names the same Key twice.")
                : (Violation?)null)
            ?? TooLong(items.Select(a => KeyValuePair.Create(a.Key, a.Value)), maxBytes);
        if (violation is null)
        {
            attributes = FriendPlan.Ordered(items.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
        }
        return violation;
    }

    /// <summary>One <c>{Key, Value}</c> item, both strings; otherwise 660800026.</summary>
    public static Violation? ReadAttribute(JsonElement item, string name, out FriendAttribute? attribute)
    {
        attribute = null;
        if (item.ValueKind != JsonValueKind.Object
            || !JsonBody.TryGet(item, "Key", out var key) || key.ValueKind != JsonValueKind.String || JsonBody.ReadString(key, out var keyText) is not null
            || !JsonBody.TryGet(item, "Value", out var value) || value.ValueKind != JsonValueKind.String || JsonBody.ReadString(value, out var valueText) is not null)
        {
            return new(ZimCode.AttributeMalformed, $"{name} must be an object with a string Key and a string Value.");
        }
        attribute = new FriendAttribute(keyText!, valueText!);
        return null;
    }

    /// <summary>660800023 unless the key is one of k0…k4.</summary>
    public static Violation? KeyProblem(string key) =>
        ZimLimits.FriendAttributeKeys.Contains(key, StringComparer.Ordinal)
            ? null
            : new(ZimCode.AttributeKeyInvalid, $"Key '{key}' is not one of {string.Join(", ", ZimLimits.FriendAttributeKeys)}.");

    /// <summary>660800024 when the keys plus values are longer than <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static Violation? TooLong(IEnumerable<KeyValuePair<string, string>> attributes, int maxBytes)
    {
        var bytes = FriendPlan.Bytes(attributes);
        return bytes > maxBytes
            ? new(ZimCode.AttributesTooLong, $"The attributes' keys plus values take {bytes} bytes; the limit is {maxBytes}.")
            : null;
    }

    /// <summary>
    /// An optional time (FriendTime, CreateTime, UpdateTime): 0 or absent means <paramref name="now"/>; otherwise a
    /// non-negative integer (660000002) not later than <paramref name="now"/> (660800046).
    /// </summary>
    public static Violation? ReadTime(JsonElement entry, string name, long now, out long time)
    {
        time = now;
        if (!JsonBody.TryGet(entry, name, out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value) || value < 0)
        {
            return new(ZimCode.InvalidParameter, $"{name} must be a whole number of milliseconds, 0 or more.");
        }
        if (value > now)
        {
            return new(ZimCode.TimeInFuture, $"{name} {value} is later than the server clock ({now}).");
        }
        time = value == 0 ? now : value;
        return null;
    }

    /// <summary>The first of two checks' violations in the contract's order: any 660000002 comes before the other codes.</summary>
    public static Violation? Earlier(Violation? first, Violation? second) =>
        first?.SubCode == ZimCode.InvalidParameter ? first
        : second?.SubCode == ZimCode.InvalidParameter ? second
        : first ?? second;
}
