using System.CommandLine;
using Zim.Client;
using Zim.Protocol;
using Zim.Protocol.Wire;

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

    /// <summary>
    /// Names each failed user of a batch answer on standard error; returns how many failed, or null (with a line)
    /// when the call failed as a whole.
    /// </summary>
    public static int? PrintErrors(CliHost host, ZimResponse answer, IReadOnlyList<UserError> errors)
    {
        if (answer.Code != ZimCode.Success && errors.Count == 0)
        {
            host.Fail($"The call failed with {answer.Code}: {answer.Message}", ExitCodes.Stopped);
            return null;
        }
        foreach (var error in errors)
        {
            host.Error.WriteLine($"zim: {error.UserId}: {error.SubMessage} ({error.SubCode})");
        }
        return errors.Count;
    }

    /// <summary>
    /// Sends each batch in turn and names every failed user: 0 when none failed, 1 when some did, 3 when a call
    /// failed as a whole or the server could not be reached (the batches before it stay done).
    /// </summary>
    public static async Task<int> RunBatchesAsync<T>(this CliHost host, ConnectionOptions connection, ParseResult parsed, IEnumerable<T[]> batches,
        Func<ZimClient, T[], CancellationToken, Task<(ZimResponse Answer, IReadOnlyList<UserError> Errors)>> call, CancellationToken cancellationToken)
    {
        if (connection.Client(parsed, host, out var error) is not { } options)
        {
            return host.Fail(error!);
        }
        var client = host.NewClient(options);
        var failed = 0;
        try
        {
            foreach (var batch in batches)
            {
                var (answer, errors) = await call(client, batch, cancellationToken);
                if (PrintErrors(host, answer, errors) is not { } count)
                {
                    return ExitCodes.Stopped;
                }
                failed += count;
            }
        }
        catch (Exception exception) when (IsServiceFailure(exception))
        {
            return host.Fail(exception.Message, ExitCodes.Stopped);
        }
        return failed == 0 ? ExitCodes.Success : ExitCodes.Partial;
    }

    /// <summary><c>list FROM</c>: the whole of one user's list, printed as JSON lines by <see cref="RunPagesAsync"/>.</summary>
    public static Command ListCommand(this CliHost host, ConnectionOptions connection, string description, string fromDescription, string action,
        Func<ZimClient, string, long, CancellationToken, Task<(ZimResponse Answer, long Next, IEnumerable<string> Lines)>> page)
    {
        var from = new Argument<string>("FROM") { Description = fromDescription };
        var command = new Command("list", description) { from };
        command.SetAction((parsed, cancellationToken) =>
            host.RunPagesAsync(connection, parsed, action, (client, next, ct) => page(client, parsed.GetValue(from)!, next, ct), cancellationToken));
        return command;
    }

    /// <summary>
    /// Prints a whole list GET as JSON lines, page by page until its <c>Next</c> is 0: 0 when done, 3 when a page
    /// failed or the server could not be reached (the lines before it stay printed).
    /// </summary>
    public static async Task<int> RunPagesAsync(this CliHost host, ConnectionOptions connection, ParseResult parsed, string action,
        Func<ZimClient, long, CancellationToken, Task<(ZimResponse Answer, long Next, IEnumerable<string> Lines)>> page, CancellationToken cancellationToken)
    {
        if (connection.Client(parsed, host, out var error) is not { } options)
        {
            return host.Fail(error!);
        }
        var client = host.NewClient(options);
        try
        {
            var next = 0L;
            do
            {
                var (answer, following, lines) = await page(client, next, cancellationToken);
                if (answer.Code != ZimCode.Success)
                {
                    return host.Fail($"{action} failed with {answer.Code}: {answer.Message}", ExitCodes.Stopped);
                }
                foreach (var line in lines)
                {
                    host.Out.WriteLine(line);
                }
                next = following;
            }
            while (next != 0);
        }
        catch (Exception exception) when (IsServiceFailure(exception))
        {
            return host.Fail(exception.Message, ExitCodes.Stopped);
        }
        return ExitCodes.Success;
    }

    /// <summary>A failure of the server or the network that ends a command: a line, not a stack trace.</summary>
    public static bool IsServiceFailure(Exception exception) => exception is HttpRequestException or InvalidDataException;
}
