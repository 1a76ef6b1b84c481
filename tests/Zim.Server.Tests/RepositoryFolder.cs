namespace Zim.Server.Tests;

/// <summary>The repository the tests were built from, found above the test binaries.</summary>
internal static class RepositoryFolder
{
    /// <summary>The folder that holds the solution file; null when the tests run outside the repository.</summary>
    public static string? Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ZimUserApi.slnx")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName;
    }
}
