namespace Zim.Server.Ephemeral;

/// <summary>
/// The private folder of an ephemeral server's SQLite file, deleted when the server is disposed. A process
/// that was killed cannot delete its own, so each folder holds a lock file that its process keeps open, and
/// the next ephemeral start deletes every folder whose lock nobody holds any more.
/// </summary>
internal sealed class EphemeralFolder : IDisposable
{
    private const string Prefix = "zim-ephemeral-";
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
        var path = System.IO.Path.Combine(parent, Prefix + Guid.NewGuid().ToString("N")[..12]);
        var directory = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
        return new EphemeralFolder(path, Lock(path));
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
    private static FileStream Lock(string folder, FileMode mode = FileMode.CreateNew) =>
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
                // Taking the lock proves its owner is gone; a live server's lock refuses and its folder stays. A
                // folder without a lock file yet is being created: Open fails and it stays too.
                Lock(folder, FileMode.Open).Dispose();
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still in use, or not ours to delete.
            }
        }
    }
}
