using System.Text.Json.Serialization;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage;

/// <summary>
/// JSON that the stores pass to SQL (id lists as one parameter) and keep in a column (a friend's attributes, an app's
/// own limits).
/// </summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<FriendAttribute>))]
[JsonSerializable(typeof(Apps.AppLimits))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StorageJson : JsonSerializerContext
{
    /// <summary>Attributes as stored: a JSON array of <c>{Key, Value}</c> in key order.</summary>
    public static string Attributes(IReadOnlyList<FriendAttribute> attributes) =>
        System.Text.Json.JsonSerializer.Serialize(attributes, Default.IReadOnlyListFriendAttribute);

    public static IReadOnlyList<FriendAttribute> Attributes(string stored) =>
        System.Text.Json.JsonSerializer.Deserialize(stored, Default.IReadOnlyListFriendAttribute) ?? [];
}
