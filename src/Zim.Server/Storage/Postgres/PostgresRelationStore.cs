using System.Runtime.CompilerServices;
using Npgsql;
using Zim.Protocol.Rosters;

namespace Zim.Server.Storage.Postgres;

/// <summary>Relations in PostgreSQL: the export streamed from one statement, the seed in one transaction.</summary>
internal sealed class PostgresRelationStore(PostgresDatabase database) : IRelationStore
{
    public async IAsyncEnumerable<RelationLine> ExportAsync(uint appId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(RelationRows.SelectAll);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = appId });
        await foreach (var line in RelationRows.StreamAsync(command, cancellationToken))
        {
            yield return line;
        }
    }

    public async Task<SeedOutcome[]> SeedAsync(uint appId, IReadOnlyList<SeedRelation> relations, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcomes = new SeedOutcome[relations.Count];
        for (var i = 0; i < relations.Count; i++)
        {
            var values = RelationRows.Values(appId, relations[i]);
            await using var count = Command(connection, transaction, RelationRows.CountUsers, values.Take(RelationRows.CountUsersValues));
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! < 2)
            {
                outcomes[i] = SeedOutcome.UnknownUser;
                continue;
            }
            await using var insert = Command(connection, transaction, RelationRows.Insert(relations[i].Kind), values);
            outcomes[i] = await insert.ExecuteNonQueryAsync(cancellationToken) == 1 ? SeedOutcome.Stored : SeedOutcome.AlreadyThere;
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, IEnumerable<object> values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                long number => new NpgsqlParameter<long> { TypedValue = number },
                int number => new NpgsqlParameter<int> { TypedValue = number },
                _ => new NpgsqlParameter<string> { TypedValue = (string)value },
            });
        }
        return command;
    }
}
