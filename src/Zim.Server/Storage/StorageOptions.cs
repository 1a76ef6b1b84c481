using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage;

/// <summary>Section <c>Storage</c>: which store, and where.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>The SQLite file used when no connection string is given.</summary>
    public const string DefaultSqlite = "Data Source=data/zim.db";

    /// <summary><c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The provider's connection string: for SQLite a file under <c>data/</c> by default; required for PostgreSQL.</summary>
    public string ConnectionString { get; set; } = "";

    public bool IsPostgres => Provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The SQLite connection string, the default one when none is given.</summary>
    public string SqliteConnectionString => string.IsNullOrWhiteSpace(ConnectionString) ? DefaultSqlite : ConnectionString;

    /// <summary>The full path of the SQLite file; null for PostgreSQL or a database in memory.</summary>
    public string? SqliteFile()
    {
        if (IsPostgres)
        {
            return null;
        }
        var source = new SqliteConnectionStringBuilder(SqliteConnectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(source);
    }

    /// <summary>The folder of the SQLite file, or <c>data</c> in the working directory when there is none.</summary>
    public string DataFolder() => SqliteFile() is { } file ? Path.GetDirectoryName(file)! : Path.GetFullPath("data");
}
