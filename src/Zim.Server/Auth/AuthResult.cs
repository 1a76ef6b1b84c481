using Zim.Protocol;
using Zim.Server.Apps;

namespace Zim.Server.Auth;

/// <summary>
/// What the common parameters established: as much as was known when a check failed (the action, the
/// AppId), and on success the app and the nonce that the call consumed.
/// </summary>
internal sealed record AuthResult(ZimAction? Action, uint? AppId, int Code, string Message)
{
    public AppRecord? App { get; init; }
    public string Nonce { get; init; } = "";
    public bool Succeeded => Code == ZimCode.Success;
}
