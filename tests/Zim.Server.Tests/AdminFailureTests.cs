using System.Net;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A store that fails under an admin call (made to fail for real: its users table dropped) is answered with the
/// admin error JSON and a deliberate 503, never ASP.NET's bare 500 with an empty body.
/// </summary>
public abstract class AdminFailureTests<TFactory>
    where TFactory : ZimFactory, new()
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/users")]
    [InlineData("/users/export")]
    public async Task AStoreThatFailsIsAnsweredWith503AndTheAdminErrorJson(string? underTheApp)
    {
        using var factory = new TFactory();
        var admin = factory.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/api/apps")).Status);
        factory.Store.Execute("DROP TABLE users;");

        var answer = await admin.GetAsync(underTheApp is null ? "/admin/api/apps" : AdminCaller.Apps(TestApp.A, underTheApp));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Contains("database", answer.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", answer.Raw, StringComparison.Ordinal);
    }
}

public sealed class AdminFailureOnSqlite : AdminFailureTests<ZimFactory>;

public sealed class AdminFailureOnPostgres : AdminFailureTests<PostgresZimFactory>;
