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
}
