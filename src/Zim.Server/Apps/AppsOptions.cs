using System.Globalization;
using Microsoft.Extensions.Options;
using Zim.Protocol;

namespace Zim.Server.Apps;

/// <summary>The array section <c>Apps</c> (e.g. <c>Apps__0__AppId</c>, <c>Apps__0__ServerSecret</c>).</summary>
internal sealed class AppsOptions
{
    public const string Section = "Apps";

    public List<ConfiguredApp> Apps { get; set; } = [];

    /// <summary>
    /// Top-level key <c>AppsRefreshSeconds</c> (beside the array, not in it): how often stored apps are
    /// re-read so that instances sharing a database agree; 0 turns the refresh off.
    /// </summary>
    public int AppsRefreshSeconds { get; set; } = 5;
}

internal sealed class ConfiguredApp
{
    public uint AppId { get; set; }
    public string ServerSecret { get; set; } = "";
    public string Name { get; set; } = "";
    public int QpsLimit { get; set; } = ZimLimits.DefaultQpsLimit;

    /// <summary>Where the login/logout callbacks go (http or https); empty: none.</summary>
    public string CallbackUrl { get; set; } = "";

    /// <summary>What signs them; required with a CallbackUrl.</summary>
    public string CallbackSecret { get; set; } = "";

    public AppRecord ToRecord() => new(AppId, ServerSecret, string.IsNullOrWhiteSpace(Name) ? $"app {AppId}" : Name, QpsLimit)
    {
        CallbackUrl = CallbackUrls.Parse(CallbackUrl),
        CallbackSecret = string.IsNullOrEmpty(CallbackSecret) ? null : CallbackSecret,
    };
}

/// <summary>Refuses to start on an app that could never be called correctly.</summary>
internal sealed class AppsOptionsValidator(IConfiguration configuration) : IValidateOptions<AppsOptions>
{
    public ValidateOptionsResult Validate(string? name, AppsOptions options)
    {
        var failures = UnreadableNumbers().ToList();
        var seen = new HashSet<uint>();
        for (var i = 0; i < options.Apps.Count; i++)
        {
            var app = options.Apps[i];
            if (app.AppId == 0)
            {
                failures.Add($"Apps:{i}:AppId must be a uint32 other than 0.");
            }
            else if (!seen.Add(app.AppId))
            {
                failures.Add($"Apps:{i}:AppId {app.AppId} is configured twice.");
            }
            if (app.ServerSecret.Length != 32)
            {
                failures.Add($"Apps:{i}:ServerSecret must be 32 characters (it has {app.ServerSecret.Length}).");
            }
            if (app.QpsLimit < 0)
            {
                failures.Add($"Apps:{i}:QpsLimit must be 0 (unlimited) or more.");
            }
            if (CallbackUrls.Check(app.CallbackUrl) is { } url)
            {
                failures.Add($"Apps:{i}:CallbackUrl {url}");
            }
            if (CallbackUrls.CheckSecret(app.CallbackSecret, required: app.CallbackUrl.Length > 0) is { } secret)
            {
                failures.Add($"Apps:{i}:CallbackSecret {secret}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The binder silently drops an array item with a value it cannot convert: the app would vanish.
    private IEnumerable<string> UnreadableNumbers()
    {
        foreach (var app in configuration.GetSection(AppsOptions.Section).GetChildren())
        {
            if (app[nameof(ConfiguredApp.AppId)] is { } appId && !uint.TryParse(appId, CultureInfo.InvariantCulture, out _))
            {
                yield return $"Apps:{app.Key}:AppId must be a uint32 other than 0.";
            }
            if (app[nameof(ConfiguredApp.QpsLimit)] is { } limit && !int.TryParse(limit, CultureInfo.InvariantCulture, out _))
            {
                yield return $"Apps:{app.Key}:QpsLimit must be a whole number: 0 (unlimited) or more.";
            }
        }
    }
}
