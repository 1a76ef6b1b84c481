using System.Text;
using Zim.Protocol.Wire;

namespace Zim.Protocol.Validation;

/// <summary>
/// The contract's per-user rules (section 5 and 7), in the contract's order. Shared by the server and
/// the client, so that a client's local check and the server's answer never disagree.
/// </summary>
public static class UserRules
{
    /// <summary>Checks a user to register; null when it may be registered.</summary>
    public static Violation? CheckRegistration(RegisterUserInfo user, int userNameMaxBytes = ZimLimits.DefaultUserNameMaxBytes) =>
        CheckUserId(user.UserId) ?? CheckKind(user.UserId, bot: false) ?? CheckProfile(user.UserName, user.UserAvatar, extra: null, userNameMaxBytes);

    /// <summary>
    /// The prefix rule that keeps bots and users apart, checked after <see cref="CheckUserId"/>: a bot's UserId
    /// begins with <c>@RBT#</c> and has at least one character after it; a user's does not begin with it.
    /// </summary>
    public static Violation? CheckKind(string userId, bool bot)
    {
        var prefixed = userId.StartsWith(ZimLimits.BotPrefix, StringComparison.Ordinal);
        if (bot)
        {
            return prefixed && userId.Length > ZimLimits.BotPrefix.Length
                ? null
                : new(ZimCode.InvalidParameter, $"A bot's UserId must begin with {ZimLimits.BotPrefix} and have at least one character after it.");
        }
        return prefixed
            ? new(ZimCode.InvalidParameter, $"UserIds that begin with {ZimLimits.BotPrefix} are bots: register them with RobotRegister.")
            : null;
    }

    /// <summary>Checks a change to a user; null when it may be applied.</summary>
    public static Violation? CheckChange(UserInfoChange change, int userNameMaxBytes = ZimLimits.DefaultUserNameMaxBytes) =>
        CheckUserId(change.UserId) ?? CheckProfile(change.UserName, change.UserAvatar, change.Extra, userNameMaxBytes);

    /// <summary>The UserId rules: present, at most 32 bytes, only the contract's characters.</summary>
    public static Violation? CheckUserId(string? userId)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return new(ZimCode.InvalidParameter, "UserId is missing or empty.");
        }
        var bytes = Encoding.UTF8.GetByteCount(userId);
        if (bytes > ZimLimits.UserIdMaxBytes)
        {
            return new(ZimCode.UserIdTooLong, $"UserId is {bytes} bytes long; the limit is {ZimLimits.UserIdMaxBytes} bytes.");
        }
        foreach (var c in userId)
        {
            if (!UserIdCharset.Allows(c))
            {
                return new(ZimCode.InvalidParameter,
                    $"UserId holds {Describe(c)}; only ASCII letters, digits and {UserIdCharset.Punctuation} are allowed.");
            }
        }
        return null;
    }

    /// <summary>The profile rules: byte lengths first, then control characters in name and avatar.</summary>
    public static Violation? CheckProfile(string? userName, string? userAvatar, string? extra, int userNameMaxBytes)
    {
        if (TooLong(userName, userNameMaxBytes, out var nameBytes))
        {
            return new(ZimCode.UserNameTooLong, $"UserName is {nameBytes} bytes long; the limit is {userNameMaxBytes} bytes.");
        }
        if (TooLong(userAvatar, ZimLimits.UserAvatarMaxBytes, out var avatarBytes))
        {
            return new(ZimCode.UserAvatarTooLong, $"UserAvatar is {avatarBytes} bytes long; the limit is {ZimLimits.UserAvatarMaxBytes} bytes.");
        }
        if (TooLong(extra, ZimLimits.ExtraMaxBytes, out var extraBytes))
        {
            return new(ZimCode.InvalidParameter, $"Extra is {extraBytes} bytes long; the limit is {ZimLimits.ExtraMaxBytes} bytes.");
        }
        if (FirstControl(userName) is { } nameControl)
        {
            return new(ZimCode.InvalidParameter, $"UserName holds the control character {Describe(nameControl)}.");
        }
        if (FirstControl(userAvatar) is { } avatarControl)
        {
            return new(ZimCode.InvalidParameter, $"UserAvatar holds the control character {Describe(avatarControl)}.");
        }
        // Extra may hold other control characters (it is often JSON text), but not NUL, which
        // PostgreSQL text cannot store: every store must accept exactly the same values.
        if (extra is not null && extra.Contains('\0', StringComparison.Ordinal))
        {
            return new(ZimCode.InvalidParameter, "Extra holds the character U+0000, which cannot be stored.");
        }
        return null;
    }

    private static bool TooLong(string? value, int maxBytes, out int bytes)
    {
        // A UTF-8 encoding is at most three bytes per UTF-16 unit; skip the count when it cannot exceed.
        if (value is null || value.Length * 3 <= maxBytes)
        {
            bytes = value?.Length ?? 0;
            return false;
        }
        bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > maxBytes;
    }

    private static char? FirstControl(string? value)
    {
        if (value is null)
        {
            return null;
        }
        foreach (var c in value)
        {
            if (c < 0x20 || c == 0x7F)
            {
                return c;
            }
        }
        return null;
    }

    private static string Describe(char c) =>
        c is > ' ' and < (char)0x7F ? $"'{c}'" : $"U+{(int)c:X4}";
}
