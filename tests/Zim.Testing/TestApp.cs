namespace Zim.Testing;

/// <summary>An app that a test server is configured with.</summary>
public sealed record TestApp(uint AppId, string ServerSecret, int QpsLimit)
{
    /// <summary>Unlimited, for most tests.</summary>
    public static readonly TestApp A = new(1000000001, "0123456789abcdef0123456789abcdef", 0);

    /// <summary>A second unlimited app, for isolation tests.</summary>
    public static readonly TestApp B = new(1000000002, "fedcba9876543210fedcba9876543210", 0);

    /// <summary>Limited to 3 calls per second per action, for rate-limit tests.</summary>
    public static readonly TestApp Limited = new(1000000003, "00112233445566778899aabbccddeeff", 3);

    public static readonly IReadOnlyList<TestApp> All = [A, B, Limited];

    /// <summary>Configuration keys that declare <see cref="All"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings() => Settings(All);

    /// <summary>Configuration keys (<c>Apps:0:AppId</c>, ...) that declare these apps.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(IEnumerable<TestApp> apps) =>
        apps.SelectMany((app, i) => new KeyValuePair<string, string?>[]
        {
            new($"Apps:{i}:AppId", app.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new($"Apps:{i}:ServerSecret", app.ServerSecret),
            new($"Apps:{i}:Name", $"test app {i}"),
            new($"Apps:{i}:QpsLimit", app.QpsLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        });

    /// <summary>The same as environment variables (<c>Apps__0__AppId</c>, ...), for a server process.</summary>
    public static Dictionary<string, string> Environment(IEnumerable<TestApp> apps) =>
        Settings(apps).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
}
