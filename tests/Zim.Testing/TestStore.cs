using Microsoft.Data.Sqlite;
using Npgsql;

namespace Zim.Testing;

/// <summary>A store for one test server: its settings, and raw SQL for tests that break it on purpose.</summary>
public abstract class TestStore : IDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }

    /// <summary>SQL that makes inserting a user whose id starts with "boom" fail, and SQL that undoes it.</summary>
    public abstract string InjectInsertFailure { get; }
    public abstract string RemoveInsertFailure { get; }

    /// <summary>
    /// The key that seals app secrets, given to every server on this store (instances sharing a database
    /// need the same); null leaves the server to its generated key file beside the SQLite file.
    /// </summary>
    public virtual string? SecretsKey => null;

    /// <summary>The storage settings (and <see cref="SecretsKey"/>) as configuration keys.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
        SecretsKey is null ? StorageSettings() : [.. StorageSettings(), new("Secrets:Key", SecretsKey)];

    private IEnumerable<KeyValuePair<string, string?>> StorageSettings() =>
    [
        new("Storage:Provider", Provider),
        new("Storage:ConnectionString", ConnectionString),
    ];

    /// <summary>The storage settings and these apps as environment variables, for a server process.</summary>
    public Dictionary<string, string> Environment(params TestApp[] apps)
    {
        var environment = TestApp.Environment(apps);
        foreach (var (key, value) in Settings())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }
        return environment;
    }

    public abstract void Execute(string sql);

    /// <summary>The first column of every row <paramref name="sql"/> selects, as stored (nulls left out).</summary>
    public abstract IReadOnlyList<string> Strings(string sql);

    public abstract void Dispose();

    protected static IReadOnlyList<string> ReadStrings(System.Data.Common.DbCommand command)
    {
        var values = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                values.Add(reader.GetString(0));
            }
        }
        return values;
    }
}

/// <summary>A SQLite file in a fresh temp folder.</summary>
public sealed class SqliteTestStore : TestStore
{
    private readonly string directory;

    public SqliteTestStore()
        : this(Path.Combine(Path.GetTempPath(), "zim-tests", Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>A store in the given folder, which the test owns.</summary>
    public SqliteTestStore(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(directory);
    }

    public string DatabasePath => Path.Combine(directory, "zim.db");
    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={DatabasePath}";

    public override string InjectInsertFailure =>
        "CREATE TRIGGER fail_on_boom BEFORE INSERT ON users WHEN NEW.user_id LIKE 'boom%' BEGIN SELECT RAISE(ABORT, 'injected'); END;";

    public override string RemoveInsertFailure => "DROP TRIGGER fail_on_boom;";

    public string Folder => directory;

    public override void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override IReadOnlyList<string> Strings(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return ReadStrings(command);
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file is not worth failing a test over.
        }
    }
}

/// <summary>A fresh database on the PostgreSQL server named by ZIM_TEST_POSTGRES, dropped afterwards.</summary>
public sealed class PostgresTestStore : TestStore
{
    private readonly string admin;
    private readonly string database = "zim_test_" + Guid.NewGuid().ToString("N");

    public PostgresTestStore()
    {
        admin = TestServices.Require(TestServices.Postgres, "ZIM_TEST_POSTGRES");
        ExecuteOn(admin, $"CREATE DATABASE {database}");
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }

    public override string Provider => "Postgres";
    public override string ConnectionString { get; }
    public override string? SecretsKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public override string InjectInsertFailure => """
        CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.user_id LIKE 'boom%' THEN RAISE EXCEPTION 'injected'; END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER fail_on_boom BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION fail_on_boom();
        """;

    public override string RemoveInsertFailure => "DROP TRIGGER fail_on_boom ON users; DROP FUNCTION fail_on_boom();";

    public override void Execute(string sql) => ExecuteOn(ConnectionString, sql);

    public override IReadOnlyList<string> Strings(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return ReadStrings(command);
    }

    public override void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            ExecuteOn(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // The server may be gone already; the database dies with the throwaway cluster.
        }
    }

    private static void ExecuteOn(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
