using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Zim.Server.Storage;
using Zim.Server.Storage.Postgres;
using Zim.Server.Storage.Sqlite;

namespace Zim.Bench;

/// <summary>
/// The ceiling: the same rows (random 32-character ids, 100 per transaction) inserted straight through
/// the ADO.NET provider, with the server's schema and tuning, no HTTP and none of our code in between.
/// For SQLite: stock SQLite, the writer's page cache and pragmas, synchronous=NORMAL (a loop that does not
/// wait for the disk at each commit), and SQLite's own checkpoints every 10,000 pages, inside a commit:
/// the interval the server's checkpoints beside its writer aim at (every 100 requests), on the one thread
/// the loop has.
/// </summary>
internal static class RawCeiling
{
    public const int Batch = 100;

    public static async Task<double> MeasureAsync(string store, string connectionString, TimeSpan duration)
    {
        await CreateSchemaAsync(store, connectionString);
        return store == "postgres" ? await PostgresAsync(connectionString, duration) : Sqlite(connectionString, duration);
    }

    // The server's own schema, created by its own store classes.
    private static async Task CreateSchemaAsync(string store, string connectionString)
    {
        var options = Options.Create(new StorageOptions { Provider = store, ConnectionString = connectionString });
        if (store == "postgres")
        {
            await using var postgres = new PostgresDatabase(options);
            await postgres.InitializeAsync(CancellationToken.None);
            return;
        }
        using var sqlite = new SqliteDatabase(options, TimeProvider.System);
        await sqlite.InitializeAsync(CancellationToken.None);
    }

    /// <summary>Rows inserted per second with the server's own pragmas.</summary>
    private static double Sqlite(string connectionString, TimeSpan duration)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = WriterConnection.Pragmas + "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000;";
            pragma.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO users (app_id, user_id, user_name, user_avatar, created_at, updated_at)
            VALUES (1, $id, '', '', 0, 0) ON CONFLICT DO NOTHING
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Prepare();
        long rows = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < Batch; i++)
            {
                id.Value = RandomIds.Next();
                rows += insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Rows inserted per second on one connection, 100 rows per statement (one transaction each).</summary>
    private static async Task<double> PostgresAsync(string connectionString, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO users (app_id, user_id, user_name, user_avatar, created_at, updated_at)
            SELECT 1, id, '', '', 0, 0 FROM unnest($1::text[]) AS id ON CONFLICT DO NOTHING
            """, connection);
        var ids = new NpgsqlParameter<string[]>();
        insert.Parameters.Add(ids);
        await insert.PrepareAsync();
        long rows = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            ids.TypedValue = RandomIds.Take(Batch);
            rows += await insert.ExecuteNonQueryAsync();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Stores <paramref name="count"/> users of one app as fast as the provider allows; returns up to
    /// 100,000 of their ids, spread over all of them, for queries.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PreloadAsync(string store, string connectionString, uint appId, int count)
    {
        const int perTransaction = 5000;
        var sample = new List<string>();
        var every = Math.Max(1, count / 100_000);
        string[] Ids(int n)
        {
            var ids = RandomIds.Take(n);
            sample.AddRange(ids.Where((_, i) => i % every == 0));
            return ids;
        }
        await CreateSchemaAsync(store, connectionString);
        if (store == "postgres")
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            for (var done = 0; done < count; done += perTransaction)
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO users (app_id, user_id, user_name, user_avatar, created_at, updated_at)
                    SELECT $1, id, 'preloaded', '', 0, 0 FROM unnest($2::text[]) AS id ON CONFLICT DO NOTHING
                    """, connection);
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Ids(Math.Min(perTransaction, count - done)) });
                await insert.ExecuteNonQueryAsync();
            }
            return sample;
        }
        using var sqlite = new SqliteConnection(connectionString);
        sqlite.Open();
        using var command = sqlite.CreateCommand();
        command.CommandText = """
            INSERT INTO users (app_id, user_id, user_name, user_avatar, created_at, updated_at)
            VALUES ($app, $id, 'preloaded', '', 0, 0) ON CONFLICT DO NOTHING
            """;
        command.Parameters.AddWithValue("$app", (long)appId);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        for (var done = 0; done < count; done += perTransaction)
        {
            using var transaction = sqlite.BeginTransaction();
            command.Transaction = transaction;
            foreach (var next in Ids(Math.Min(perTransaction, count - done)))
            {
                id.Value = next;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return sample;
    }
}
