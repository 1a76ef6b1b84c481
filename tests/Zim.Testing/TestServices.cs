using Xunit;

namespace Zim.Testing;

/// <summary>
/// The external services some tests need, found through the environment (see scripts/test-services.sh).
/// Absent, those tests skip with a reason; with <c>ZIM_REQUIRE_SERVICES=1</c> (CI) they fail instead.
/// </summary>
public static class TestServices
{
    /// <summary>An Npgsql connection string to a server where tests may create databases.</summary>
    public static string? Postgres => Read("ZIM_TEST_POSTGRES");

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public static string? Redis => Read("ZIM_TEST_REDIS");

    /// <summary>Debian's Chromium, for the browser test (never a downloaded browser).</summary>
    public static string? Chromium => File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    public static bool Required => Read("ZIM_REQUIRE_SERVICES") == "1";

    /// <summary>Returns the setting, or skips (fails, when services are required) the running test.</summary>
    public static string Require(string? value, string variable, string? reason = null)
    {
        if (value is not null)
        {
            return value;
        }
        reason ??= $"{variable} is not set: start the services with scripts/test-services.sh";
        if (Required)
        {
            Assert.Fail($"ZIM_REQUIRE_SERVICES=1 but {reason}");
        }
        Assert.Skip(reason);
        return "";
    }

    private static string? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
