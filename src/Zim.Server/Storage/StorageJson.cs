using System.Text.Json.Serialization;

namespace Zim.Server.Storage;

/// <summary>JSON that the stores pass to SQL (id lists as one parameter).</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
