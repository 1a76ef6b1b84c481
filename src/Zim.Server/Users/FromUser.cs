using System.Text.Json;
using Zim.Protocol.Validation;
using Zim.Server.Api;

namespace Zim.Server.Users;

/// <summary>
/// <c>FromUserId</c>, read from a body or a query: required, a string, and a valid UserId; otherwise the
/// sentence of a whole-call 660000002.
/// </summary>
internal readonly record struct FromUser(string? Id, string? Problem)
{
    public static FromUser Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !JsonBody.TryGet(body, "FromUserId", out var element))
        {
            return new(null, "FromUserId is missing.");
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            return new(null, "FromUserId must be a string.");
        }
        return JsonBody.ReadString(element, out var id) is { } escape
            ? new(null, JsonBody.NotUnicode("FromUserId", escape))
            : Check(id!);
    }

    /// <summary>From a GET's parameters: required, and a valid UserId.</summary>
    public static FromUser Read(GetParameters parameters)
    {
        var (text, problem) = parameters.Read("FromUserId");
        return problem is not null ? new(null, problem) : text is null ? new(null, "FromUserId is missing.") : Check(text);
    }

    public static FromUser Check(string id) =>
        UserRules.CheckUserId(id) is { } violation ? new(null, "FromUserId: " + violation.Message) : new(id, null);

    /// <summary>The sentence of a 660500002.</summary>
    public static string NotRegistered(string id) =>
        $"FromUserId {id} is not registered in this app: register it with UserRegister first.";
}
