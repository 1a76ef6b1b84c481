using System.Data.Common;
using Npgsql;
using Microsoft.Extensions.Options;

namespace Zim.Server.Storage.Postgres;

/// <summary>
/// PostgreSQL through one pooled data source. Npgsql drops broken connections from the pool, so the
/// server recovers by itself when the database comes back.
/// </summary>
internal sealed class PostgresDatabase(IOptions<StorageOptions> options) : IStorage, IAsyncDisposable
{
    // Several instances may start at once; the advisory lock keeps their DDL from colliding. A user leaving, by
    // whatever path (one deletion, an app's reset, the app's removal), takes the blocklist rows that name it
    // with it, in the same statement: a trigger rather than foreign keys, so that the users table stands alone.
    private const string Schema = """
        SELECT pg_advisory_xact_lock(740601);
        CREATE TABLE IF NOT EXISTS apps (
            app_id        bigint  PRIMARY KEY,
            server_secret text    NOT NULL,
            name          text    NOT NULL,
            qps_limit     integer NOT NULL,
            created_at    bigint  NOT NULL
        );
        CREATE TABLE IF NOT EXISTS users (
            app_id      bigint NOT NULL,
            user_id     text   COLLATE "C" NOT NULL,
            user_name   text   NOT NULL DEFAULT '',
            user_avatar text   NOT NULL DEFAULT '',
            extra       text   NOT NULL DEFAULT '',
            created_at  bigint NOT NULL,
            updated_at  bigint NOT NULL,
            PRIMARY KEY (app_id, user_id)
        );
        ALTER TABLE apps ADD COLUMN IF NOT EXISTS previous_secret text;
        ALTER TABLE apps ADD COLUMN IF NOT EXISTS previous_until bigint NOT NULL DEFAULT 0;
        ALTER TABLE apps ADD COLUMN IF NOT EXISTS callback_url text;
        ALTER TABLE apps ADD COLUMN IF NOT EXISTS callback_secret text;
        ALTER TABLE apps ADD COLUMN IF NOT EXISTS limits text;
        ALTER TABLE users ADD COLUMN IF NOT EXISTS is_bot boolean NOT NULL DEFAULT false;
        CREATE TABLE IF NOT EXISTS blocklist (
            app_id     bigint NOT NULL,
            owner_id   text   COLLATE "C" NOT NULL,
            blocked_id text   COLLATE "C" NOT NULL,
            updated_at bigint NOT NULL,
            PRIMARY KEY (app_id, owner_id, blocked_id)
        );
        CREATE INDEX IF NOT EXISTS blocklist_newest ON blocklist (app_id, owner_id, updated_at DESC, blocked_id);
        CREATE INDEX IF NOT EXISTS blocklist_blocked ON blocklist (app_id, blocked_id);
        CREATE OR REPLACE FUNCTION users_leave_blocklist() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            DELETE FROM blocklist b USING gone g WHERE b.app_id = g.app_id AND b.owner_id = g.user_id;
            DELETE FROM blocklist b USING gone g WHERE b.app_id = g.app_id AND b.blocked_id = g.user_id;
            RETURN NULL;
        END
        $fn$;
        DROP TRIGGER IF EXISTS users_leave_blocklist ON users;
        CREATE TRIGGER users_leave_blocklist AFTER DELETE ON users REFERENCING OLD TABLE AS gone
            FOR EACH STATEMENT EXECUTE FUNCTION users_leave_blocklist();
        """;

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(Tuned(options.Value.ConnectionString));

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Schema + PostgresSessionStore.Table + PostgresFriendSchema.Tables, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await using var command = DataSource.CreateCommand("SELECT count(*) FROM apps");
            await command.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// The server refusing this client (login, database, rights, resources, shutting down), or not
    /// answering at all; an error of one statement is not the database's fault.
    /// </summary>
    public StoreFault? DescribeFault(Exception exception) => exception switch
    {
        PostgresException refused when IsRefusal(refused.SqlState) => new("refused",
            $"PostgreSQL refused: {refused.MessageText} ({refused.SqlState}). Check Storage__ConnectionString, the role's rights and the server."),
        PostgresException => null,
        NpgsqlException unreachable => new("unreachable",
            $"PostgreSQL cannot be reached ({unreachable.Message}). Check Storage__ConnectionString and that the server runs."),
        _ => null,
    };

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>
    /// Defaults for what the operator's connection string leaves out. The same few statements run on every
    /// request: Npgsql prepares them on each pooled connection. At most 16 connections: more concurrent
    /// inserts than that make PostgreSQL slower, not faster (measured in decision 0005: 26k users/s with
    /// Npgsql's default of 100 against 67k with 16, at 64 callers, PostgreSQL on 2 cores).
    /// </summary>
    private static string Tuned(string? connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!Given(given, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
        {
            builder.MaxPoolSize = 16;
        }
        return builder.ConnectionString;
    }

    private static bool Given(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);

    // Classes 28 (login), 3D (no such database), 53 (out of resources), 57 (shutting down); 42501 (no rights).
    private static bool IsRefusal(string sqlState) => sqlState == "42501" || sqlState[..2] is "28" or "3D" or "53" or "57";
}
