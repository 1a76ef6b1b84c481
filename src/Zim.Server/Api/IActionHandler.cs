using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Apps;

namespace Zim.Server.Api;

/// <summary>
/// A signed, rate-checked call of one action: its app, its raw body, its raw query string (read with
/// <see cref="QueryValues"/>, which tells bytes that are not UTF-8 from text) and the limits it runs under.
/// </summary>
internal sealed record ActionRequest(AppRecord App, ReadOnlyMemory<byte> Body, string? Query, ActionLimits Limits);

/// <summary>One action of the API.</summary>
internal interface IActionHandler
{
    ZimAction Action { get; }

    /// <summary>Whether the dispatcher reads the body: every POST does, and a GET that takes a body as a fallback.</summary>
    bool ReadsBody => Action.Method == "POST";

    /// <summary>Runs the action; expected failures come back as a response, not an exception.</summary>
    Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken);

    /// <summary>A whole-call failure in this action's shape (its lists present and empty).</summary>
    ZimResponse Reject(int code, string message);
}
