using System.Text.Json.Serialization;
using Zim.Protocol.Admin;
using Zim.Protocol.Wire;

namespace Zim.Emulator;

/// <summary>The admin API's bodies and answers that the emulator's controls send and read (names as declared).</summary>
[JsonSerializable(typeof(UserRegisterRequest))]
[JsonSerializable(typeof(SeededUsers))]
[JsonSerializable(typeof(AdminErrorBody))]
[JsonSerializable(typeof(ResetResult))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(LoggedCall[]))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginAnswer))]
[JsonSerializable(typeof(SessionView[]))]
[JsonSerializable(typeof(CallbackDelivery[]))]
internal sealed partial class EmulatorJson : JsonSerializerContext;

/// <summary>How the admin API says why it refused a call.</summary>
internal sealed record AdminErrorBody(string? Error);
