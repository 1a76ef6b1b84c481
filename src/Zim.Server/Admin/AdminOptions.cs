using Microsoft.Extensions.Options;

namespace Zim.Server.Admin;

/// <summary>Section <c>Admin</c>: the operators' API under <c>/admin/api/</c>.</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// The bearer token of the admin API (<c>Admin__Token</c>). Empty: the server generates one on first
    /// start, prints it once and keeps only its hash.
    /// </summary>
    public string Token { get; set; } = "";
}

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public const int MinTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        options.Token.Length is > 0 and < MinTokenLength
            ? ValidateOptionsResult.Fail($"Admin:Token must be at least {MinTokenLength} characters (it has {options.Token.Length}); leave it empty to have one generated.")
            : ValidateOptionsResult.Success;
}
