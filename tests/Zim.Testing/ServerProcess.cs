using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zim.Testing;

/// <summary>The real server as a separate process on a free loopback port, as a user would run it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private TempDirectory? ownDirectory;

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    /// <summary>The operating system's id of the server process.</summary>
    public int ProcessId => process.Id;
    public HttpClient Http { get; }

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

    /// <summary>Starts in a temporary directory of its own, deleted on dispose, serving exactly <paramref name="apps"/>.</summary>
    public static async Task<ServerProcess> StartInTempAsync(params TestApp[] apps)
    {
        var directory = new TempDirectory();
        try
        {
            var server = await StartAsync(directory.Path, apps);
            server.ownDirectory = directory;
            return server;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The directory of a server started by <see cref="StartInTempAsync"/>.</summary>
    public string Directory => ownDirectory?.Path ?? throw new InvalidOperationException("this server runs in a directory of the caller's");

    /// <summary>Starts on a SQLite file of its own in <paramref name="directory"/>, serving exactly <paramref name="apps"/>.</summary>
    public static Task<ServerProcess> StartAsync(string directory, params TestApp[] apps) =>
        StartAsync(directory, Settings(directory, apps));

    /// <summary>The environment that points a server at a database in <paramref name="directory"/> and declares <paramref name="apps"/>.</summary>
    public static Dictionary<string, string> Settings(string directory, IEnumerable<TestApp> apps)
    {
        var settings = TestApp.Environment(apps);
        settings["Storage__ConnectionString"] = $"Data Source={Path.Combine(directory, "zim.db")}";
        return settings;
    }

    public static async Task<ServerProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Zim.Server.dll");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("Apps__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>
    /// Starts a server that must refuse to start: checks that it exited with 1 and printed no stack trace,
    /// and returns what it printed.
    /// </summary>
    public static async Task<string> RefusedStartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var error = await Xunit.Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(workingDirectory, environment));
        Xunit.Assert.StartsWith("the server exited with 1:", error.Message, StringComparison.Ordinal);
        Xunit.Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        return error.Message;
    }

    /// <summary>SIGTERM, as a service manager stops a server; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (Kill(process.Id, 15) != 0)
        {
            throw new InvalidOperationException("could not send SIGTERM");
        }
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        process.Dispose();
        ownDirectory?.Dispose();
        await Task.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the redirected output, so the message holds all of it
                throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await Http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server did not become healthy:\n{Output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
