namespace Zim.Protocol.Admin;

/// <summary>
/// The answer of <c>POST /admin/api/reset</c>: every app's users deleted, and the used nonces, rate-limit windows,
/// request log and fault settings cleared. The apps themselves stay.
/// </summary>
/// <param name="Apps">How many apps were reset: every app served or stored.</param>
/// <param name="Users">How many users were deleted, over all those apps.</param>
public sealed record ResetResult(int Apps, long Users);
