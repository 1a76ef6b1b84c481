namespace Zim.Protocol;

/// <summary>
/// The well-known development app and admin token of an ephemeral server (<c>zim serve --ephemeral</c> and
/// <c>Zim.Emulator</c>): fixed values anyone can paste, like a storage emulator's development account. An
/// ephemeral server listens on loopback only, so they never guard anything that outlives a test run.
/// </summary>
public static class ZimDevelopment
{
    /// <summary>The AppId of the development app.</summary>
    public const uint AppId = 1234567890;

    /// <summary>Its ServerSecret: 32 hex characters, the hex of "ZIM-DEVELOPMENT!".</summary>
    public const string ServerSecret = "5a494d2d444556454c4f504d454e5421";

    /// <summary>The CallbackSecret that signs the development app's login/logout callbacks: "zim-development-callback-secret".</summary>
    public const string CallbackSecret = "zim-development-callback-secret";

    /// <summary>The bearer token of the admin API.</summary>
    public const string AdminToken = "zim-development-admin-token";
}
