using Microsoft.Extensions.Options;

namespace Zim.Server.Secrets;

/// <summary>
/// Section <c>Secrets</c>: the key that encrypts the apps' secrets in the database. Neither set: a key
/// file generated on first start in the data folder (beside the SQLite file).
/// </summary>
internal sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>The key as base64 of 32 bytes (<c>openssl rand -base64 32</c>).</summary>
    public string Key { get; set; } = "";

    /// <summary>A file holding the key as base64 of 32 bytes.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The key used before <see cref="Key"/>, while a start re-encrypts what it sealed.</summary>
    public string PreviousKey { get; set; } = "";
}

/// <summary>Refuses a key that could not be one, naming the setting but never showing its value.</summary>
internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        var failures = new List<string>();
        if (options.Key.Length > 0 && options.KeyFile.Length > 0)
        {
            failures.Add("Set Secrets:Key or Secrets:KeyFile, not both.");
        }
        if (options.Key.Length > 0 && !SecretKey.TryParse(options.Key, out _))
        {
            failures.Add($"Secrets:Key must be the base64 of {SecretKey.Size} bytes (for instance from 'openssl rand -base64 32').");
        }
        if (options.PreviousKey.Length > 0 && !SecretKey.TryParse(options.PreviousKey, out _))
        {
            failures.Add($"Secrets:PreviousKey must be the base64 of {SecretKey.Size} bytes, like Secrets:Key.");
        }
        if (options.KeyFile.Length > 0 && SecretKey.ProblemWithFile(options.KeyFile) is { } problem)
        {
            failures.Add($"Secrets:KeyFile {problem}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
