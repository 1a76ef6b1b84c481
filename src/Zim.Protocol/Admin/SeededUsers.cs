namespace Zim.Protocol.Admin;

/// <summary>
/// Answer of <c>POST /admin/api/apps/{appId}/users</c>: what became of the users given, which are
/// registered without signing or rate limit, as a seed file's are.
/// </summary>
/// <param name="Registered">Users registered by this call.</param>
/// <param name="AlreadyThere">Users already stored (left as they were), or given twice.</param>
/// <param name="Invalid">Users refused by the registration rules.</param>
/// <param name="Reasons">Why the first few were refused (<c>"user 3: ..."</c>, counting from 1).</param>
public sealed record SeededUsers(long Registered, long AlreadyThere, long Invalid, IReadOnlyList<string> Reasons);
