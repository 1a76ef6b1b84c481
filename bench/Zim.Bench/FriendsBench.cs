using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Zim.Protocol;
using Zim.Server.Storage.Sqlite;
using Zim.Testing;

namespace Zim.Bench;

/// <summary>
/// The friend actions against their own raw ceilings, measured in the same run on the same store kind. Writes:
/// <c>AddFriends</c> of 20 new friendships a call (each is two rows, A→B and B→A) at 16 callers, against one connection
/// inserting the same rows, 20 friendships a transaction. Reads: <c>QueryFriendList</c> pages of 100 at random places of
/// users with 3,000 friends, at 16 callers, against one connection reading the same pages with the server's query.
/// </summary>
internal static class FriendsBench
{
    private const int Callers = 16;
    private const int PerCall = 20;
    private const int Page = 100;
    private const int Owners = 40;
    private const int FriendsEach = 3000;
    private const double WriteTarget = 0.8;
    private const double ReadTarget = 1.5;

    private static readonly TestApp App = new(3000000003, "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", 0);

    // $1... are names to SQLite and positions to PostgreSQL: one text serves both.
    private const string InsertFriend = """
        INSERT INTO friends (app_id, owner_id, friend_id, alias, attributes, wording, created_at)
        VALUES ($1, $2, $3, '', '[]', '', $4) ON CONFLICT DO NOTHING
        """;

    // The server's query (its friend stores'), with the page size fixed.
    private const string SelectPage = """
        SELECT f.friend_id, u.user_name, u.user_avatar, f.wording, f.alias, f.created_at, f.attributes
        FROM (SELECT friend_id, created_at FROM friends WHERE app_id = $1 AND owner_id = $2
              ORDER BY created_at DESC, friend_id LIMIT 100 OFFSET $3) p
        JOIN friends f ON f.app_id = $1 AND f.owner_id = $2 AND f.friend_id = p.friend_id
        JOIN users u ON u.app_id = $1 AND u.user_id = p.friend_id
        ORDER BY p.created_at DESC, p.friend_id
        """;

    public static async Task RunAsync(BenchOptions options, Func<TestStore> newStore)
    {
        var work = Path.Combine(Path.GetTempPath(), "zim-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var duration = options.Duration;
        var users = Math.Max(options.QueryStore, 200_000);

        // Writes: a store of users with no friends; the ceiling on one of its own, before and after.
        var writeCeilings = new List<double> { await WriteCeilingAsync(options.Store, newStore, users, duration) };
        double writes;
        using (var store = newStore())
        {
            var ids = await RawCeiling.PreloadAsync(options.Store, store.ConnectionString, App.AppId, users);
            await using var server = await StartAsync(work, store);
            writes = await MeasureAsync("AddFriends", "friendships", duration, random => AddOnceAsync(server.Http, ids, random));
        }
        writeCeilings.Add(await WriteCeilingAsync(options.Store, newStore, users, duration));

        // Reads: owners with 3,000 friends each.
        var readCeilings = new List<double>();
        double reads;
        using (var store = newStore())
        {
            var owners = await PreloadFriendsAsync(options.Store, store.ConnectionString);
            readCeilings.Add(ReadCeiling(options.Store, store.ConnectionString, owners, duration));
            await using (var server = await StartAsync(work, store))
            {
                reads = await MeasureAsync("QueryFriendList", "friends listed", duration, random => PageOnceAsync(server.Http, owners, random));
            }
            readCeilings.Add(ReadCeiling(options.Store, store.ConnectionString, owners, duration));
        }

        var markdown = Markdown(options, writes, writeCeilings, reads, readCeilings);
        Console.WriteLine(markdown);
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"friends-{options.Store}.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"friends-{options.Store}.json"), JsonSerializer.Serialize(new
        {
            options.Store, FriendshipsPerSecond = writes, WriteCeilings = writeCeilings, FriendsReadPerSecond = reads, ReadCeilings = readCeilings,
        }));
        Directory.Delete(work, recursive: true);
    }

    private static async Task<ServerProcess> StartAsync(string work, TestStore store)
    {
        var settings = store.Environment().ToDictionary();
        settings["Apps__0__AppId"] = App.AppId.ToString(CultureInfo.InvariantCulture);
        settings["Apps__0__ServerSecret"] = App.ServerSecret;
        settings["Apps__0__QpsLimit"] = "0";
        settings["Logging__LogLevel__Default"] = "Warning";
        return await ServerProcess.StartAsync(work, settings);
    }

    /// <summary>What <paramref name="call"/> counts, per second, at 16 callers, after 3 s of warm-up at 4.</summary>
    private static async Task<double> MeasureAsync(string what, string unit, TimeSpan duration, Func<Random, Task<long>> call)
    {
        await ClosedLoopAsync(4, TimeSpan.FromSeconds(3), call);
        Console.WriteLine($"Measuring {what} at {Callers} callers for {duration.TotalSeconds:0} s...");
        var (count, seconds) = await ClosedLoopAsync(Callers, duration, call);
        Console.WriteLine($"  {count / seconds:N0} {unit}/s");
        return count / seconds;
    }

    private static async Task<long> AddOnceAsync(HttpClient http, IReadOnlyList<string> ids, Random random)
    {
        var owner = ids[random.Next(ids.Count)];
        var targets = new HashSet<string>(StringComparer.Ordinal);
        while (targets.Count < PerCall)
        {
            var target = ids[random.Next(ids.Count)];
            if (target != owner)
            {
                targets.Add(target);
            }
        }
        var body = $"{{\"FromUserId\":\"{owner}\",\"FriendInfos\":[{string.Join(',', targets.Select(t => $"{{\"UserId\":\"{t}\"}}"))}]}}";
        using var answer = await CallAsync(http, HttpMethod.Post, "AddFriends", "", body);
        var code = answer.RootElement.GetProperty("Code").GetInt32();
        if (code != ZimCode.Success)
        {
            throw new InvalidOperationException($"AddFriends answered {code}: {answer.RootElement}");
        }
        return PerCall - answer.RootElement.GetProperty("ErrorList").GetArrayLength();
    }

    private static async Task<long> PageOnceAsync(HttpClient http, IReadOnlyList<string> owners, Random random)
    {
        var next = random.Next(FriendsEach / Page) * Page;
        using var answer = await CallAsync(http, HttpMethod.Get, "QueryFriendList",
            $"&FromUserId={owners[random.Next(owners.Count)]}&Limit={Page}&Next={next}", null);
        var friends = answer.RootElement.GetProperty("FriendInfos").GetArrayLength();
        if (friends != Page)
        {
            throw new InvalidOperationException($"a page held {friends} friends: {answer.RootElement.GetProperty("Code")}");
        }
        return friends;
    }

    private static async Task<(long Count, double Seconds)> ClosedLoopAsync(int callers, TimeSpan duration, Func<Random, Task<long>> call)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker * 7919 + Environment.TickCount);
            while (clock.Elapsed < duration)
            {
                Interlocked.Add(ref count, await call(random));
            }
        })));
        return (count, clock.Elapsed.TotalSeconds);
    }

    private static async Task<JsonDocument> CallAsync(HttpClient http, HttpMethod method, string action, string query, string? body)
    {
        var signed = ZimSignature.QueryString(action, App.AppId, App.ServerSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ZimSignature.NewNonce());
        using var request = new HttpRequestMessage(method, "/?" + signed + query);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Friendships inserted per second (two rows each), 20 a transaction, on one connection of a fresh store.</summary>
    private static async Task<double> WriteCeilingAsync(string kind, Func<TestStore> newStore, int users, TimeSpan duration)
    {
        using var store = newStore();
        var ids = await RawCeiling.PreloadAsync(kind, store.ConnectionString, App.AppId, users);
        Console.WriteLine($"Measuring the raw {kind} friendship write ceiling for {duration.TotalSeconds:0} s...");
        var random = new Random(1);
        (string, string)[] Pairs() => [.. Enumerable.Range(0, PerCall).Select(_ => (ids[random.Next(ids.Count)], ids[random.Next(ids.Count)]))];
        long rows = 0;
        var clock = Stopwatch.StartNew();
        if (kind == "postgres")
        {
            await using var connection = new NpgsqlConnection(store.ConnectionString);
            await connection.OpenAsync();
            while (clock.Elapsed < duration)
            {
                await using var batch = new NpgsqlBatch(connection);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                foreach (var (a, b) in Pairs())
                {
                    batch.BatchCommands.Add(PostgresInsert(a, b, now));
                    batch.BatchCommands.Add(PostgresInsert(b, a, now));
                }
                // A batch without a transaction of its own runs as one.
                rows += await batch.ExecuteNonQueryAsync();
            }
        }
        else
        {
            using var connection = new SqliteConnection(store.ConnectionString);
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = WriterConnection.Pragmas + "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000;";
                pragma.ExecuteNonQuery();
            }
            using var insert = connection.CreateCommand();
            insert.CommandText = InsertFriend;
            insert.Parameters.AddWithValue("$1", (long)App.AppId);
            var (owner, friend, at) = (insert.Parameters.Add("$2", SqliteType.Text), insert.Parameters.Add("$3", SqliteType.Text), insert.Parameters.Add("$4", SqliteType.Integer));
            insert.Prepare();
            while (clock.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                at.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                foreach (var (a, b) in Pairs())
                {
                    (owner.Value, friend.Value) = (a, b);
                    rows += insert.ExecuteNonQuery();
                    (owner.Value, friend.Value) = (b, a);
                    rows += insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
        }
        var perSecond = rows / 2.0 / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {perSecond:N0} friendships/s");
        return perSecond;
    }

    private static NpgsqlBatchCommand PostgresInsert(string owner, string friend, long at)
    {
        var command = new NpgsqlBatchCommand(InsertFriend);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = App.AppId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = friend });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = at });
        return command;
    }

    /// <summary>Stores <see cref="Owners"/> users with 3,000 friends each (both directions, each friend a user too); returns the owners.</summary>
    private static async Task<IReadOnlyList<string>> PreloadFriendsAsync(string kind, string connectionString)
    {
        Console.WriteLine($"Preloading {Owners} users with {FriendsEach:N0} friends each...");
        var ids = await RawCeiling.PreloadAsync(kind, connectionString, App.AppId, Owners * FriendsEach);
        var owners = ids.Take(Owners).ToList();
        var rows = new List<(string Owner, string Friend, long At)>();
        for (var o = 0; o < owners.Count; o++)
        {
            for (var f = 0; f < FriendsEach; f++)
            {
                var friend = ids[Owners + (o * FriendsEach + f) % (ids.Count - Owners)];
                rows.Add((owners[o], friend, 1_700_000_000_000 + f));
                rows.Add((friend, owners[o], 1_700_000_000_000 + f));
            }
        }
        if (kind == "postgres")
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            foreach (var chunk in rows.Chunk(5000))
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO friends (app_id, owner_id, friend_id, alias, attributes, wording, created_at)
                    SELECT $1, o, f, '', '[]', '', t FROM unnest($2::text[], $3::text[], $4::bigint[]) AS x(o, f, t) ON CONFLICT DO NOTHING
                    """, connection);
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = App.AppId });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. chunk.Select(r => r.Owner)] });
                insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. chunk.Select(r => r.Friend)] });
                insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. chunk.Select(r => r.At)] });
                await insert.ExecuteNonQueryAsync();
            }
            return owners;
        }
        using var sqlite = new SqliteConnection(connectionString);
        sqlite.Open();
        using var transaction = sqlite.BeginTransaction();
        using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertFriend;
        command.Parameters.AddWithValue("$1", (long)App.AppId);
        var (owner, friendId, at) = (command.Parameters.Add("$2", SqliteType.Text), command.Parameters.Add("$3", SqliteType.Text), command.Parameters.Add("$4", SqliteType.Integer));
        foreach (var row in rows)
        {
            (owner.Value, friendId.Value, at.Value) = (row.Owner, row.Friend, row.At);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return owners;
    }

    /// <summary>Friends read per second, pages of 100 at random places with the server's query, one read transaction each.</summary>
    private static double ReadCeiling(string kind, string connectionString, IReadOnlyList<string> owners, TimeSpan duration)
    {
        Console.WriteLine($"Measuring the raw {kind} friend-page read ceiling for {duration.TotalSeconds:0} s...");
        using System.Data.Common.DbConnection connection = kind == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = SelectPage;
        var (app, owner, skip) = (select.CreateParameter(), select.CreateParameter(), select.CreateParameter());
        (app.ParameterName, owner.ParameterName, skip.ParameterName) = kind == "postgres" ? ("", "", "") : ("$1", "$2", "$3");
        app.Value = (long)App.AppId;
        select.Parameters.Add(app);
        select.Parameters.Add(owner);
        select.Parameters.Add(skip);
        var random = new Random(2);
        long read = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            select.Transaction = transaction;
            owner.Value = owners[random.Next(owners.Count)];
            skip.Value = (long)(random.Next(FriendsEach / Page) * Page);
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    _ = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetString(6));
                    read++;
                }
            }
            transaction.Commit();
        }
        var perSecond = read / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {perSecond:N0} friends read/s");
        return perSecond;
    }

    private static string Markdown(BenchOptions options, double writes, List<double> writeCeilings, double reads, List<double> readCeilings)
    {
        var (writeCeiling, readCeiling) = (writeCeilings.Max(), readCeilings.Max());
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Friends on {options.Store}: {options.Duration.TotalSeconds:0} s per run, {Callers} callers, load generator on the same machine. Machine: {Report.Machine()}.");
        text.AppendLine();
        text.AppendLine("| run | server | raw ceiling (higher of before and after) | server/ceiling | target |");
        text.AppendLine("|---|---:|---:|---:|---|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| AddFriends, {PerCall} new friendships a call (two rows each) | {writes:N0} friendships/s | {writeCeiling:N0} ({string.Join(" and ", writeCeilings.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}), {PerCall} a transaction, one connection{(options.Store == "sqlite" ? ", synchronous=NORMAL" : "")} | {writes / writeCeiling:0.00}x | at least {WriteTarget:0.0}x: {(writes / writeCeiling >= WriteTarget ? "met" : "**not met**")} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| QueryFriendList, pages of {Page} of users with {FriendsEach:N0} friends | {reads:N0} friends/s | {readCeiling:N0} ({string.Join(" and ", readCeilings.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}), the same pages with the server's query, one connection | {reads / readCeiling:0.00}x | at least {ReadTarget:0.0}x: {(reads / readCeiling >= ReadTarget ? "met" : "**not met**")} |");
        return text.ToString();
    }
}
