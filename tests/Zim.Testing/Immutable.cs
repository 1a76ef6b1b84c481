namespace Zim.Testing;

/// <summary>
/// Files and folders made immutable (<c>chattr +i</c>) until disposed. Unlike <c>chmod</c>, which root
/// ignores, this refuses every write, even through descriptors already open: a real read-only database
/// under a running server. Needs root and a filesystem with the attribute (ext4, xfs, btrfs).
/// </summary>
public sealed class Immutable : IDisposable
{
    private readonly List<string> paths = [];

    private Immutable()
    {
    }

    /// <summary>Makes the existing ones of <paramref name="paths"/> immutable, or skips the test when that is not possible here.</summary>
    public static Immutable Make(params string[] paths)
    {
        var made = new Immutable();
        foreach (var path in paths.Where(p => File.Exists(p) || Directory.Exists(p)))
        {
            if (Commands.Run("chattr", "+i", path) != 0)
            {
                made.Dispose();
                TestServices.Require(null, "chattr +i", $"chattr +i {path} failed: it needs root and a filesystem with the immutable attribute (ext4, xfs, btrfs)");
            }
            made.paths.Add(path);
        }
        return made;
    }

    public void Dispose()
    {
        foreach (var path in paths)
        {
            Commands.Run("chattr", "-i", path);
        }
        paths.Clear();
    }
}
