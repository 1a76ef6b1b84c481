using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Zim.Protocol.Rosters;

namespace Zim.Server.Storage.Sqlite;

/// <summary>Relations in SQLite: the export on a pooled reader (one statement, one snapshot), the seed through the writer.</summary>
internal sealed class SqliteRelationStore(SqliteDatabase database) : IRelationStore
{
    public async IAsyncEnumerable<RelationLine> ExportAsync(uint appId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = RelationRows.SelectAll;
        command.Parameters.AddWithValue("$1", (long)appId);
        await foreach (var line in RelationRows.StreamAsync(command, cancellationToken))
        {
            yield return line;
        }
    }

    public Task<SeedOutcome[]> SeedAsync(uint appId, IReadOnlyList<SeedRelation> relations, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => relations.Select(relation =>
        {
            var values = RelationRows.Values(appId, relation);
            using var count = Command(connection, transaction, RelationRows.CountUsers, values.Take(RelationRows.CountUsersValues));
            if ((long)count.ExecuteScalar()! < 2)
            {
                return SeedOutcome.UnknownUser;
            }
            using var insert = Command(connection, transaction, RelationRows.Insert(relation.Kind), values);
            return insert.ExecuteNonQuery() == 1 ? SeedOutcome.Stored : SeedOutcome.AlreadyThere;
        }).ToArray());

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, IEnumerable<object> values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (value, i) in values.Select((value, i) => (value, i)))
        {
            command.Parameters.AddWithValue($"${i + 1}", value);
        }
        return command;
    }
}
