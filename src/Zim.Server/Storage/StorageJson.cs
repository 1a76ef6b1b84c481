using System.Text.Json.Serialization;

namespace Zim.Server.Storage;

/// <summary>JSON that the stores pass to SQL (id lists as one parameter) and keep in a column (an app's own limits).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Apps.AppLimits))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StorageJson : JsonSerializerContext;
