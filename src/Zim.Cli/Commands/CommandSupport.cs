using Zim.Client;

namespace Zim.Cli.Commands;

/// <summary>What the commands share: error lines and the client.</summary>
internal static class CommandSupport
{
    /// <summary>Writes "zim: message" to standard error and returns the exit code.</summary>
    public static int Fail(this CliHost host, string message, int exitCode = ExitCodes.Usage)
    {
        host.Error.WriteLine($"zim: {message}");
        return exitCode;
    }

    public static ZimClient NewClient(this CliHost host, ZimClientOptions options) =>
        new(new HttpClient(host.Network(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) }, options);

    /// <summary>A failure of the server or the network that ends a command: a line, not a stack trace.</summary>
    public static bool IsServiceFailure(Exception exception) => exception is HttpRequestException or InvalidDataException;
}
