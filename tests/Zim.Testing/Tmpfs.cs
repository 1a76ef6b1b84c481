namespace Zim.Testing;

/// <summary>A small tmpfs of the test's own, to make a real "disk full"; needs root (CI runs as root).</summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB, or skips the test when that is not allowed here.</summary>
    public static Tmpfs Mount(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zim-tmpfs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        if (Commands.Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path) != 0)
        {
            Directory.Delete(path);
            TestServices.Require(null, "permission to mount a tmpfs (run as root)");
        }
        return new Tmpfs(path);
    }

    /// <summary>Changes the size in place, keeping the files (to free or take away space).</summary>
    public void Resize(int megabytes)
    {
        if (Commands.Run("mount", "-o", $"remount,size={megabytes}m", Path) != 0)
        {
            throw new InvalidOperationException("could not resize the tmpfs");
        }
    }

    public void Dispose()
    {
        Commands.Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
