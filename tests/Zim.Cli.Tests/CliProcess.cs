using System.Diagnostics;
using System.Globalization;
using System.Text;
using Zim.Testing;

namespace Zim.Cli.Tests;

/// <summary>The real <c>zim</c> as a separate process, as a user runs it, so that a test can kill it.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private CliProcess(Process process) => this.process = process;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static CliProcess Start(ServerProcess server, TestApp app, params string[] args) =>
        Start(new Dictionary<string, string>
        {
            ["ZIM_APP_ID"] = app.AppId.ToString(CultureInfo.InvariantCulture),
            ["ZIM_SERVER_SECRET"] = app.ServerSecret,
            ["ZIM_ENDPOINT"] = server.Address.ToString(),
        }, args);

    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "zim.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var cli = new CliProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start zim"));
        cli.process.OutputDataReceived += (_, e) => cli.Append(e.Data);
        cli.process.ErrorDataReceived += (_, e) => cli.Append(e.Data);
        cli.process.BeginOutputReadLine();
        cli.process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>The first line of output that starts with <paramref name="prefix"/>, once it is there.</summary>
    public async Task<string> LineAsync(string prefix, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (Output.Split('\n').FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                return line.TrimEnd('\r');
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"zim exited with {process.ExitCode} before printing {prefix}: {Output}");
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>SIGTERM, as a service manager or Ctrl+C stops it: shutdown code runs.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
