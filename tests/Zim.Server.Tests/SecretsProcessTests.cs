using System.Security.Cryptography;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The key of the secrets at rest on the real server process: another key refuses to start, in one clear line.</summary>
public abstract class SecretsProcessTests<TStore> : IDisposable
    where TStore : TestStore, new()
{
    private readonly TStore store = new();
    private readonly TempDirectory directory = new();

    public void Dispose()
    {
        store.Dispose();
        directory.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AServerWithAnotherKeyThanTheStoredSecretsWereEncryptedWithRefusesToStartInOneClearLine()
    {
        var settings = store.Environment(TestApp.A);
        await using (var first = await ServerProcess.StartAsync(directory.Path, settings))
        {
            var caller = new ZimCaller(first.Http, TestApp.A, TimeProvider.System);
            Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        }

        var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        settings["Secrets__Key"] = otherKey;
        var output = await ServerProcess.RefusedStartAsync(directory.Path, settings);

        Assert.Contains("Cannot start: ", output, StringComparison.Ordinal);
        Assert.Contains("must use the same Secrets__Key", output, StringComparison.Ordinal);
        Assert.DoesNotContain(otherKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.A.ServerSecret, output, StringComparison.Ordinal);
    }
}

public sealed class SecretsProcessOnSqlite : SecretsProcessTests<SqliteTestStore>;

public sealed class SecretsProcessOnPostgres : SecretsProcessTests<PostgresTestStore>;
