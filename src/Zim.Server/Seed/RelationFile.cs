using System.Text;
using System.Text.Json;
using Zim.Protocol.Rosters;
using Zim.Protocol.Validation;
using Zim.Server.Api;
using Zim.Server.Friends;
using Zim.Server.Storage;
using Zim.Server.Users;

namespace Zim.Server.Seed;

/// <summary>
/// A relations file (<see cref="RelationLine"/>, JSON Lines, UTF-8 with or without a byte order mark), read as a stream:
/// each line checked as the friend and blocklist actions check their entries, and turned into a relation to seed.
/// </summary>
internal static class RelationFile
{
    /// <summary>Each non-empty line: the relation, or why it cannot be one (<c>"line N: ..."</c>).</summary>
    public static async IAsyncEnumerable<(SeedRelation? Relation, string? Problem)> ReadAsync(
        TextReader reader, ActionLimits limits, long now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var (relation, problem) = Parse(line, limits, now);
            yield return (relation, problem is null ? null : $"line {number}: {problem}");
        }
    }

    public static StreamReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);

    /// <summary>One line: the relation, or why it is not one.</summary>
    public static (SeedRelation? Relation, string? Problem) Parse(string line, ActionLimits limits, long now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, $"not a JSON object ({e.Message})");
        }
        using (document)
        {
            var entry = document.RootElement;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                return (null, "not a JSON object");
            }
            if (JsonBody.ReadOptionalString(entry, "Type", out var type) is not null || type is null)
            {
                return (null, $"Type must be {RelationLine.Friend}, {RelationLine.Application} or {RelationLine.Block}");
            }
            return type switch
            {
                RelationLine.Friend => Friend(entry, limits, now),
                RelationLine.Application => Application(entry, limits, now),
                RelationLine.Block => Block(entry, now),
                _ => (null, $"Type '{type}' is not {RelationLine.Friend}, {RelationLine.Application} or {RelationLine.Block}"),
            };
        }
    }

    private static (SeedRelation?, string?) Friend(JsonElement entry, ActionLimits limits, long now)
    {
        if (Proposal(entry, limits, "UserId", "FriendUserId", out var a, out var b, out var wording, out var alias, out var attributes) is { } problem)
        {
            return (null, problem);
        }
        return FriendFields.ReadTime(entry, "CreateTime", now, out var created) is { } time
            ? (null, time.Message)
            : (new SeedRelation(RelationKind.Friend, a, b, alias, wording, StorageJson.Attributes(attributes), 0, created, 0, 0), null);
    }

    private static (SeedRelation?, string?) Application(JsonElement entry, ActionLimits limits, long now)
    {
        if (Proposal(entry, limits, "FromUserId", "ToUserId", out var a, out var b, out var wording, out var alias, out var attributes) is { } problem)
        {
            return (null, problem);
        }
        var createdProblem = FriendFields.ReadTime(entry, "CreateTime", now, out var created);
        var updatedProblem = FriendFields.ReadTime(entry, "UpdateTime", now, out var updated);
        if ((createdProblem ?? updatedProblem) is { } time)
        {
            return (null, time.Message);
        }
        var state = JsonBody.TryGet(entry, "State", out var given) ? (given.TryGetInt32(out var number) ? number : -1) : 1;
        if (state is not (1 or 2))
        {
            return (null, "State must be 1 (waiting) or 2 (accepted)");
        }
        var expires = updated + (long)TimeSpan.FromDays(limits.FriendApplicationDays).TotalMilliseconds;
        if (JsonBody.TryGet(entry, "ExpireTime", out var expiry) && (!expiry.TryGetInt64(out expires) || expires < 0))
        {
            return (null, "ExpireTime must be a whole number of milliseconds, 0 or more");
        }
        return (new SeedRelation(RelationKind.Application, a, b, alias, wording, StorageJson.Attributes(attributes), state, created, updated, expires), null);
    }

    private static (SeedRelation?, string?) Block(JsonElement entry, long now)
    {
        if (Pair(entry, "UserId", "BlockedUserId", out var a, out var b) is { } problem)
        {
            return (null, problem);
        }
        return FriendFields.ReadTime(entry, "UpdateTime", now, out var blocked) is { } time
            ? (null, time.Message)
            : (new SeedRelation(RelationKind.Block, a, b, "", "", "[]", 0, blocked, 0, 0), null);
    }

    /// <summary>What a friend row and an application both hold: the two users, the wording, the alias and the attributes.</summary>
    private static string? Proposal(JsonElement entry, ActionLimits limits, string first, string second, out string a, out string b,
        out string wording, out string alias, out IReadOnlyList<Protocol.Wire.FriendAttribute> attributes)
    {
        (wording, alias, attributes) = ("", "", []);
        return Pair(entry, first, second, out a, out b)
            ?? FriendFields.ReadTexts(entry, out wording, out alias)?.Message
            ?? FriendFields.ReadAttributes(entry, limits.FriendAttributesMaxBytes, out attributes)?.Message;
    }

    /// <summary>The relation's two users: each a valid UserId, and not the same.</summary>
    private static string? Pair(JsonElement entry, string first, string second, out string a, out string b)
    {
        a = b = "";
        foreach (var (name, isFirst) in new[] { (first, true), (second, false) })
        {
            if (JsonBody.ReadOptionalString(entry, name, out var id) is not null || id is null)
            {
                return $"{name} must be a string";
            }
            if (UserRules.CheckUserId(id) is { } invalid)
            {
                return $"{name}: {invalid.Message}";
            }
            (a, b) = isFirst ? (id, b) : (a, id);
        }
        return a == b ? $"{first} and {second} are the same user" : null;
    }
}
