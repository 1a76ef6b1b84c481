using System.Text.Encodings.Web;
using System.Text.Json;

namespace Zim.Testing;

/// <summary>Builds request bodies from anonymous objects (tests need shapes the wire types cannot express).</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(object value) => JsonSerializer.Serialize(value, Options);

    public static string Users(params string[] userIds) =>
        Of(new { UserInfo = userIds.Select(id => new { UserId = id }) });

    public static string Ids(params string[] userIds) => Of(new { UserIds = userIds });

    /// <summary>A UserId no other test uses.</summary>
    public static string NewId(string prefix = "u") => (prefix + Guid.NewGuid().ToString("N"))[..32];
}
