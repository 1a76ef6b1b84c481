namespace Zim.Protocol;

/// <summary>The contract's size limits. Lengths are UTF-8 bytes, not characters.</summary>
public static class ZimLimits
{
    /// <summary>Most users (or ids) in one call.</summary>
    public const int MaxBatch = 100;
    /// <summary>Most UserIds in one blocklist call by default; a server may raise it.</summary>
    public const int DefaultBlocklistBatch = 20;
    /// <summary>Most users one user may block by default; a server may raise it.</summary>
    public const int DefaultBlockedUsersMax = 1000;
    /// <summary>Most users in one friend call by default; a server may raise it.</summary>
    public const int DefaultFriendBatch = 20;
    /// <summary>Most friends of one user by default; a server may raise it.</summary>
    public const int DefaultFriendsMax = 3000;
    /// <summary>Most UTF-8 bytes of one friend's attribute keys plus values by default; a server may raise it.</summary>
    public const int DefaultFriendAttributesMaxBytes = 1024;
    /// <summary>Days a friend application waits before it expires, by default.</summary>
    public const int DefaultFriendApplicationDays = 7;
    /// <summary>Longest <c>Wording</c> or <c>FriendAlias</c>, in Unicode scalar values (not bytes).</summary>
    public const int FriendTextMaxChars = 256;
    /// <summary>The only friend attribute keys, in their listing order.</summary>
    public static readonly IReadOnlyList<string> FriendAttributeKeys = ["k0", "k1", "k2", "k3", "k4"];
    /// <summary>Most bots in one <c>RobotRegister</c> call by default.</summary>
    public const int DefaultRobotBatch = 20;
    /// <summary>Largest page of a list query, and the page size when none (or 0) is asked for.</summary>
    public const int MaxPage = 100;
    /// <summary>The prefix that every bot's UserId, and only a bot's, begins with (case-sensitive).</summary>
    public const string BotPrefix = "@RBT#";
    /// <summary>Longest <c>UserId</c>.</summary>
    public const int UserIdMaxBytes = 32;
    /// <summary>Longest <c>UserName</c> by default; a server may raise it.</summary>
    public const int DefaultUserNameMaxBytes = 64;
    /// <summary>Longest <c>UserAvatar</c>.</summary>
    public const int UserAvatarMaxBytes = 500;
    /// <summary>Longest <c>Extra</c>.</summary>
    public const int ExtraMaxBytes = 2048;
    /// <summary>How far a request's <c>Timestamp</c> may be from the server clock, either way.</summary>
    public const int TimestampWindowSeconds = 600;
    /// <summary>The only supported <c>SignatureVersion</c>.</summary>
    public const string SignatureVersion = "2.0";
    /// <summary>The default calls per second per app and action, as on the real service.</summary>
    public const int DefaultQpsLimit = 20;
}
