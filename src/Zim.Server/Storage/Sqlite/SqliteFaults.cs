using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Why a SQLite file cannot be used, in one sentence that says what to do about it.</summary>
internal static class SqliteFaults
{
    private const int SqlitePerm = 3;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>True for a failure that may come from the file itself rather than from one request's statements.</summary>
    public static bool IsFileFault(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqlitePerm or SqliteReadOnly or SqliteIoError or SqliteCorrupt
            or SqliteFull or SqliteCantOpen or SqliteNotADatabase,
        _ => exception is IOException or UnauthorizedAccessException,
    };

    public static string Describe(string? path, Exception exception)
    {
        var file = path ?? "The database";
        var folder = path is null ? "its folder" : Path.GetDirectoryName(path);
        var cause = exception is SqliteException sqlite ? $"SQLite: {Reason(sqlite)}" : exception.Message;
        return exception switch
        {
            SqliteException { SqliteErrorCode: SqliteNotADatabase or SqliteCorrupt } =>
                $"The database file {file} is damaged or not a SQLite database ({cause}). Restore it from a backup, or move it aside to start with an empty one.",
            SqliteException { SqliteErrorCode: SqlitePerm or SqliteReadOnly or SqliteCantOpen } or IOException or UnauthorizedAccessException =>
                $"The database file {file} cannot be opened for writing ({cause}). The folder {folder} and the files in it must be writable by the server.",
            SqliteException { SqliteErrorCode: SqliteIoError or SqliteFull } =>
                $"The database file {file} cannot be written ({cause}). Check the disk and its free space.",
            _ => $"The database file {file} cannot be used ({cause}).",
        };
    }

    // The provider's message is "SQLite Error 26: 'file is not a database'."; keep the quoted part.
    private static string Reason(SqliteException exception) =>
        exception.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : exception.Message;
}
