using Microsoft.Data.Sqlite;

namespace Zim.Server.Storage.Sqlite;

/// <summary>A request's writes, run by the writer thread inside a group's transaction.</summary>
internal interface IWriteJob
{
    void Run(SqliteConnection connection, SqliteTransaction transaction);

    void Complete();

    void Fail(Exception exception);
}

internal sealed class WriteJob<T>(Func<SqliteConnection, SqliteTransaction, T> work) : IWriteJob
{
    // Continuations must not run on the writer's threads: they have the next group to commit.
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Task => completion.Task;

    public void Run(SqliteConnection connection, SqliteTransaction transaction) => result = work(connection, transaction);

    public void Complete() => completion.TrySetResult(result!);

    public void Fail(Exception exception) => completion.TrySetException(exception);
}
