namespace Zim.Server.Storage;

/// <summary>The presence contract's windows, shared by both stores and the presence query.</summary>
internal static class SessionRules
{
    /// <summary>A login is a re-login when the user had a session this many seconds before it.</summary>
    public const long ReloginSeconds = 24 * 60 * 60;

    /// <summary>A user whose connection was lost stays <c>Offline</c> (not unknown) this many seconds.</summary>
    public const long OfflineSeconds = 120;
}
