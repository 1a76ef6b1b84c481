using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Section 5: when many requests race to register one UserId, exactly one registers it.</summary>
public abstract class RaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    [Fact]
    public async Task ManyConcurrentRegistrationsOfOneUserIdHaveExactlyOneWinner()
    {
        for (var round = 0; round < 5; round++)
        {
            var contested = Json.NewId();
            // Each request also carries a user of its own, so that every request does real work.
            var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
                caller.PostAsync("UserRegister", Json.Users(Json.NewId(), contested))));

            Assert.All(answers, answer => Assert.Equal(ZimCode.Success, answer.Code));
            var losers = answers.Count(answer => answer.Errors.Contains((contested, ZimCode.UserExists)));
            Assert.Equal(answers.Length - 1, losers);
        }
    }

    [Fact]
    public async Task ConcurrentRequestsOfOnlyTheContestedUserLeaveOneSuccess()
    {
        var contested = Json.NewId();
        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => caller.PostAsync("UserRegister", Json.Users(contested))));
        Assert.Equal(1, answers.Count(a => a.Code == ZimCode.Success));
        Assert.Equal(63, answers.Count(a => a.Code == ZimCode.UserExists));
    }
}

public sealed class RaceOnSqlite(ZimFactory factory) : RaceTests<ZimFactory>(factory);

public sealed class RaceOnPostgres(PostgresZimFactory factory) : RaceTests<PostgresZimFactory>(factory);
