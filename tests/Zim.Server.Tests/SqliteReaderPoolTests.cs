using Microsoft.Data.Sqlite;
using Zim.Server.Storage;
using Zim.Server.Storage.Sqlite;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Readers opened at the same moment each get a SQLite connection of their own. Microsoft.Data.Sqlite up to
/// 10.0.12 could lend one pooled connection to two opens that raced (dotnet/efcore#39008): two requests then
/// shared one native connection, and the second read transaction failed with "cannot start a transaction
/// within a transaction", answered as 660000001.
/// </summary>
public sealed class SqliteReaderPoolTests : IDisposable
{
    private const int Readers = 16;
    private const int Rounds = 500;
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ReadersOpenedAtOnceNeverShareAConnection()
    {
        var options = new StorageOptions { ConnectionString = $"Data Source={folder.File("zim.db")}" };
        using (var database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System))
        {
            await database.InitializeAsync(CancellationToken.None);
        }
        var connections = new SqliteConnections(options);
        connections.SchemaCreated();

        var shared = 0;
        var failedTransactions = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            // An empty pool makes every open of the round race for the same few connections.
            connections.ClosePooledReaders();
            var opened = new SqliteConnection[Readers];
            using var start = new Barrier(Readers);
            var threads = Enumerable.Range(0, Readers).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                opened[i] = connections.OpenReaderAsync(CancellationToken.None).GetAwaiter().GetResult();
                try
                {
                    opened[i].BeginTransaction(deferred: true);
                }
                catch (SqliteException e)
                {
                    lock (failedTransactions)
                    {
                        failedTransactions.Add(e.Message);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            if (opened.Select(c => c.Handle).Distinct().Count() != Readers)
            {
                shared++;
            }
            foreach (var connection in opened)
            {
                connection.Dispose();
            }
        }
        connections.ClosePooledReaders();

        Assert.Equal(0, shared);
        Assert.Empty(failedTransactions);
    }
}
