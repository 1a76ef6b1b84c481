using System.ComponentModel.DataAnnotations;

namespace Zim.Server.Storage;

/// <summary>Section <c>Storage</c>: which store, and where.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (the default).</summary>
    [Required]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The provider's connection string; for SQLite, a file under <c>data/</c> by default.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/zim.db";
}
