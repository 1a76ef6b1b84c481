using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Failures that come from the SQLite file itself rather than from one request's statements.</summary>
internal static class SqliteFaults
{
    private const int SqlitePerm = 3;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    public static bool IsFileFault(Exception exception) => Describe(null, exception) is not null;

    /// <summary>
    /// What is wrong with the file at <paramref name="path"/>, and what to do: it is damaged, or it cannot
    /// be written (read-only, full, gone, I/O errors; one kind, as a read-only file fails first on the open
    /// descriptor with an I/O error, then on reopening as read-only); null for any other failure.
    /// </summary>
    public static StoreFault? Describe(string? path, Exception exception)
    {
        var file = path ?? "of this server";
        var folder = path is null ? "of the database" : Path.GetDirectoryName(path);
        var cause = exception is SqliteException sqlite ? $"SQLite: {Reason(sqlite)}" : exception.Message;
        return exception switch
        {
            SqliteException { SqliteErrorCode: SqliteNotADatabase or SqliteCorrupt } => new("damaged",
                $"The database file {file} is damaged or not a SQLite database ({cause}). Restore it from a backup, or move it aside to start with an empty one."),
            SqliteException { SqliteErrorCode: SqlitePerm or SqliteReadOnly or SqliteCantOpen or SqliteIoError or SqliteFull }
                or IOException or UnauthorizedAccessException => new("unwritable",
                $"The database file {file} cannot be opened or written ({cause}). The folder {folder} and the files in it must be writable by the server, on a disk with free space."),
            _ => null,
        };
    }

    // The provider's message is "SQLite Error 26: 'file is not a database'."; keep the quoted part.
    private static string Reason(SqliteException exception) =>
        exception.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : exception.Message;
}
