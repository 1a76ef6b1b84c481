using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zim.Protocol;
using Zim.Server.Storage;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A broken store (made broken for real, in the SQLite file) gives 660000001 envelopes, stores none of
/// the request's users, is logged with the RequestId, and recovers when repaired.
/// </summary>
public abstract class FailureTests<TFactory> : IDisposable
    where TFactory : ZimFactory, new()
{
    private readonly TFactory factory = new();
    private readonly ZimCaller caller;

    protected FailureTests() => caller = factory.Caller(TestApp.A);

    public void Dispose()
    {
        factory.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Sql(string sql) => factory.Store.Execute(sql);

    [Fact]
    public async Task AFailureMidTransactionStoresNoneOfTheRequestsUsers()
    {
        var (first, boom) = (Json.NewId(), "boom" + Json.NewId()[..20]);
        Sql(factory.Store.InjectInsertFailure);

        var answer = await caller.PostAsync("UserRegister", Json.Users(first, boom));
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
        Assert.Equal(ZimCode.InternalError, answer.Code);
        Assert.Empty(answer.Errors);

        Sql(factory.Store.RemoveInsertFailure);
        Assert.Equal(ZimCode.QueryUserNotFound, (await caller.PostAsync("QueryUserInfos", Json.Ids(first))).Code);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(first, boom))).Code);
    }

    [Fact]
    public async Task AMissingTableGivesInternalErrorsLoggedWithTheRequestIdThenRecovers()
    {
        Sql("DROP TABLE users;");
        var register = await caller.PostAsync("UserRegister", Json.Users(Json.NewId()));
        var query = await caller.PostAsync("QueryUserInfos", Json.Ids("x"));
        Assert.Equal(ZimCode.InternalError, register.Code);
        Assert.Equal(ZimCode.InternalError, query.Code);
        Assert.DoesNotContain("Exception", register.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", register.Raw, StringComparison.Ordinal);

        var errors = factory.Logs.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Contains(errors, e => e.Exception is System.Data.Common.DbException && Equals(e.Fields.GetValueOrDefault("RequestId"), register.RequestId));

        await factory.Services.GetRequiredService<IStorage>().InitializeAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    [Fact]
    public async Task EachAnswerIsLoggedWithItsFieldsAndNeverASecretOrSignature()
    {
        var parameters = caller.Common("UserRegister");
        var signature = parameters.Single(p => p.Key == "Signature").Value;
        var answer = await caller.SendAsync(HttpMethod.Post, ZimCaller.Query(parameters), Json.Users(Json.NewId()));
        await caller.SendAsync(HttpMethod.Post, ZimCaller.Query(parameters), Json.Users(Json.NewId()));

        var line = Assert.Single(factory.Logs.Entries, e => Equals(e.Fields.GetValueOrDefault("RequestId"), answer.RequestId));
        Assert.Equal("UserRegister", line.Fields["Action"]);
        Assert.Equal(TestApp.A.AppId, line.Fields["AppId"]);
        Assert.Equal(ZimCode.Success, line.Fields["Code"]);
        Assert.True(line.Fields.ContainsKey("ElapsedMs"));

        var everything = string.Join('\n', factory.Logs.Entries.Select(e => e.Text + " " + string.Join(' ', e.Fields.Values)));
        Assert.DoesNotContain(signature, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestApp.A.ServerSecret, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Signature=", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthFailsWhileTheStoreIsBrokenAndRecovers()
    {
        using var http = factory.CreateClient();
        Sql("DROP TABLE apps;");
        using (var broken = await http.GetAsync("/healthz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, broken.StatusCode);
        }
        await factory.Services.GetRequiredService<IStorage>().InitializeAsync(TestContext.Current.CancellationToken);
        using var healthy = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, healthy.StatusCode);
    }
}

public sealed class FailureOnSqlite : FailureTests<ZimFactory>;

public sealed class FailureOnPostgres : FailureTests<PostgresZimFactory>;
