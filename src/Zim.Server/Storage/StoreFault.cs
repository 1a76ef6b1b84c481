namespace Zim.Server.Storage;

/// <summary>
/// Why the database itself cannot be used: <see cref="Kind"/> names the fault for counting it once
/// ("damaged", "unwritable", "unreachable", ...), <see cref="Description"/> says it, and what to do, to the operator.
/// </summary>
internal sealed record StoreFault(string Kind, string Description);
