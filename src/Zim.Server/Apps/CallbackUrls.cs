namespace Zim.Server.Apps;

/// <summary>The rules for an app's callback URL and CallbackSecret, the same in configuration and in the admin API.</summary>
internal static class CallbackUrls
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 128;

    /// <summary>The URL, or null for an empty value (no callbacks); call <see cref="Check"/> first.</summary>
    public static Uri? Parse(string? value) => string.IsNullOrEmpty(value) ? null : new Uri(value, UriKind.Absolute);

    /// <summary>What is wrong with a callback URL, as the end of a sentence that names it; null when it is empty or valid.</summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"must be an absolute http:// or https:// URL, not '{value}'.";
        }
        return url.UserInfo.Length > 0 ? "must not hold a user name or password." : null;
    }

    /// <summary>What is wrong with a CallbackSecret, as the end of a sentence that names it; null when it is fine.</summary>
    public static string? CheckSecret(string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? $"is required with a CallbackUrl: {MinSecretLength} to {MaxSecretLength} characters, e.g. 32 random hex digits." : null;
        }
        return value.Length is < MinSecretLength or > MaxSecretLength || value.Any(char.IsControl)
            ? $"must be {MinSecretLength} to {MaxSecretLength} characters without control characters (it has {value.Length})."
            : null;
    }
}
