namespace Zim.Cli;

/// <summary>
/// What the commands take from the world: output streams, environment, network and clock. The process
/// uses the real ones; tests run the same commands in process against the in-process server.
/// </summary>
internal sealed record CliHost(
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> Environment,
    Func<HttpMessageHandler> Network,
    TimeProvider Clock,
    bool Interactive)
{
    public static CliHost FromProcess() => new(
        Console.Out,
        Console.Error,
        System.Environment.GetEnvironmentVariable,
        () => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        TimeProvider.System,
        Interactive: !Console.IsErrorRedirected);
}
