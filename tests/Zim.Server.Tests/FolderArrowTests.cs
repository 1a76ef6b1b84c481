namespace Zim.Server.Tests;

/// <summary>
/// The admin API sits above the server's features: it reads and controls them, and only the host (the
/// files at the project's root) composes it. A feature folder that imports Admin back makes an arrow that
/// runs both ways.
/// </summary>
public sealed class FolderArrowTests
{
    [Fact]
    public void No_feature_folder_imports_the_admin_folder()
    {
        var root = RepositoryFolder.Find() ?? throw new InvalidOperationException("The tests run outside the repository.");
        var server = Path.Combine(root, "src", "Zim.Server");
        var offenders = Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(server, file))
            .Where(file => file.Contains(Path.DirectorySeparatorChar)
                && !file.StartsWith("Admin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !file.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !file.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(file => File.ReadLines(Path.Combine(server, file)).Any(line => line.Trim() == "using Zim.Server.Admin;"))
            .ToList();
        Assert.Empty(offenders);
    }
}
