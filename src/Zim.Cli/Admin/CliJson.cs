using System.Text.Json.Serialization;
using Zim.Protocol.Admin;

namespace Zim.Cli.Admin;

/// <summary>The admin API's bodies that zim sends, written from the wire records the server reads them as.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(LoginRequest))]
internal sealed partial class CliJson : JsonSerializerContext;
