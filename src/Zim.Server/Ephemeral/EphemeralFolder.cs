using System.Diagnostics;
using System.Globalization;

namespace Zim.Server.Ephemeral;

/// <summary>
/// The private folder of an ephemeral server's SQLite file, deleted when the server is disposed. A process
/// that was killed cannot delete its own, so each folder holds a lock file that its process keeps open (with
/// its process id in it), and the next ephemeral start deletes every folder whose lock nobody holds and whose
/// process is gone.
/// </summary>
internal sealed class EphemeralFolder : IDisposable
{
    private const string Prefix = "zim-ephemeral-";
    private const string StagingPrefix = "zim-starting-";
    private const string LockName = "owner.lock";

    private readonly FileStream owner;

    private EphemeralFolder(string path, FileStream owner)
    {
        Path = path;
        this.owner = owner;
    }

    public string Path { get; }

    public string DatabaseFile => System.IO.Path.Combine(Path, "zim.db");

    public static EphemeralFolder Create()
    {
        var parent = System.IO.Path.GetTempPath();
        DeleteAbandoned(parent);
        var id = Guid.NewGuid().ToString("N")[..12];
        // Made and locked under a name the sweep never looks at, then moved into view: another start's sweep
        // cannot come between the lock file's creation and its lock.
        var staging = System.IO.Path.Combine(parent, StagingPrefix + id);
        var directory = Directory.CreateDirectory(staging);
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
        var owner = Lock(staging, FileMode.CreateNew);
        using (var writer = new StreamWriter(owner, leaveOpen: true))
        {
            writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        var path = System.IO.Path.Combine(parent, Prefix + id);
        try
        {
            Directory.Move(staging, path);
        }
        catch (IOException)
        {
            // Where a folder with an open file cannot be moved (Windows), it keeps its staging name: never swept,
            // still deleted on dispose.
            path = staging;
        }
        return new EphemeralFolder(path, owner);
    }

    public void Dispose()
    {
        owner.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next ephemeral start to sweep; a failed clean-up must not fail the caller's shutdown.
        }
    }

    // FileShare.None is an exclusive lock on the file (flock on Unix) for as long as the stream is open.
    private static FileStream Lock(string folder, FileMode mode) =>
        new(System.IO.Path.Combine(folder, LockName), mode, FileAccess.ReadWrite, FileShare.None);

    private static void DeleteAbandoned(string parent)
    {
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(parent, Prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var folder in folders)
        {
            try
            {
                // Taking the lock shows its owner is gone; the process id guards where locks are not enforced.
                using (var taken = Lock(folder, FileMode.Open))
                using (var reader = new StreamReader(taken))
                {
                    if (int.TryParse(reader.ReadToEnd(), CultureInfo.InvariantCulture, out var pid) && IsRunning(pid))
                    {
                        continue;
                    }
                }
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still in use, or not ours to delete.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            // This process's own folders are live ones (another emulator in the same test run).
            return true;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
