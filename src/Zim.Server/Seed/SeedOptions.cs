using Microsoft.Extensions.Options;

namespace Zim.Server.Seed;

/// <summary>Section <c>Seed</c>: users to register at start-up, so that a stand-in server starts with known users.</summary>
internal sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>A CSV or JSON Lines file of users (<c>Seed__Path</c>), relative to the working directory; empty: no seed.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// A JSON Lines file of friend rows, friend applications and blocks (<c>Seed__RelationsPath</c>, the relations export's
    /// format), stored after the users; empty: none.
    /// </summary>
    public string RelationsPath { get; set; } = "";

    /// <summary>The app that receives the users (<c>Seed__AppId</c>); unset: the only app served, when there is exactly one.</summary>
    public uint? AppId { get; set; }

    /// <summary>The configuration error of a seed that cannot run, as Program.cs reports every configuration error.</summary>
    public static OptionsValidationException Refusal(string message) =>
        new(Section, typeof(SeedOptions), [message]);
}

internal sealed class SeedOptionsValidator : IValidateOptions<SeedOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedOptions options) =>
        options.AppId == 0
            ? ValidateOptionsResult.Fail("Seed:AppId must be a uint32 other than 0; leave it unset to seed the only app.")
            : ValidateOptionsResult.Success;
}
