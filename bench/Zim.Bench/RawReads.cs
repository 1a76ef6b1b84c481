using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Zim.Bench;

/// <summary>
/// The read ceiling: one connection doing 100 point lookups of stored users per read transaction, on the
/// server's schema, straight through the ADO.NET provider: no HTTP, none of our code in between.
/// </summary>
internal static class RawReads
{
    // $1 and $2 are parameter names to SQLite and positions to PostgreSQL: one text serves both.
    private const string Lookup = """
        SELECT user_id, user_name, user_avatar, extra FROM users WHERE app_id = $1 AND user_id = $2
        """;

    /// <summary>Users found per second, each lookup of a random one of <paramref name="ids"/>.</summary>
    public static async Task<double> MeasureAsync(string store, string connectionString, uint appId, IReadOnlyList<string> ids, TimeSpan duration) =>
        store == "postgres" ? await PostgresAsync(connectionString, appId, ids, duration) : Sqlite(connectionString, appId, ids, duration);

    private static double Sqlite(string connectionString, uint appId, IReadOnlyList<string> ids, TimeSpan duration)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var lookup = connection.CreateCommand();
        lookup.CommandText = Lookup;
        lookup.Parameters.AddWithValue("$1", (long)appId);
        var id = lookup.Parameters.Add("$2", SqliteType.Text);
        lookup.Prepare();
        var random = new Random(1);
        long found = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            lookup.Transaction = transaction;
            for (var i = 0; i < RawCeiling.Batch; i++)
            {
                id.Value = ids[random.Next(ids.Count)];
                using var reader = lookup.ExecuteReader();
                found += Read(reader);
            }
            transaction.Commit();
        }
        return found / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> PostgresAsync(string connectionString, uint appId, IReadOnlyList<string> ids, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var lookup = new NpgsqlCommand(Lookup, connection);
        lookup.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        var id = new NpgsqlParameter<string>();
        lookup.Parameters.Add(id);
        await lookup.PrepareAsync();
        var random = new Random(1);
        long found = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = 0; i < RawCeiling.Batch; i++)
            {
                id.TypedValue = ids[random.Next(ids.Count)];
                await using var reader = await lookup.ExecuteReaderAsync();
                found += Read(reader);
            }
            await transaction.CommitAsync();
        }
        return found / clock.Elapsed.TotalSeconds;
    }

    // Every column is read, as the server reads them to answer.
    private static int Read(System.Data.Common.DbDataReader reader)
    {
        var rows = 0;
        while (reader.Read())
        {
            _ = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            rows++;
        }
        return rows;
    }
}
