using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary>Runs <c>zim</c> in process, against the in-process server, with the test's environment.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(ZimFactory factory, TestApp app, params string[] args) =>
        await RunAsync(factory, new Dictionary<string, string>
        {
            ["ZIM_APP_ID"] = app.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ZIM_SERVER_SECRET"] = app.ServerSecret,
            ["ZIM_ENDPOINT"] = factory.Server.BaseAddress.ToString(),
        }, ["--qps", "0", .. args]);

    /// <summary>Runs an admin command with the test admin token and, if given, the app as ZIM_APP_ID (no secret).</summary>
    public static Task<Result> AdminAsync(ZimFactory factory, TestApp? app, params string[] args) =>
        RunAsync(factory, new Dictionary<string, string>
        {
            ["ZIM_ADMIN_TOKEN"] = AdminAccess.Token,
            ["ZIM_ENDPOINT"] = factory.Server.BaseAddress.ToString(),
            ["ZIM_APP_ID"] = app?.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        }, args);

    public static async Task<Result> RunAsync(ZimFactory factory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, name => environment.GetValueOrDefault(name), factory.Server.CreateHandler, factory.Clock, Interactive: false);
        var exit = await ZimCli.RunAsync(args, host, TestContext.Current.CancellationToken);
        return new Result(exit, output.ToString(), error.ToString());
    }
}
