using Zim.Client.Bulk;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Client.Tests;

/// <summary>Bulk registration against the server in process: every user accounted for exactly once.</summary>
public sealed class BulkRegistrationTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FiveThousandUsersWithInvalidAndExistingOnesAreEachAccountedForOnce()
    {
        var prefix = Json.NewId()[..8];
        var users = Enumerable.Range(0, 5000).Select(i => new RegisterUserInfo($"{prefix}-{i}", $"User {i}")).ToList();
        var invalid = new HashSet<int> { 7, 250, 4999 };
        users[7] = new RegisterUserInfo($"{prefix} 7");                    // space in UserId
        users[250] = new RegisterUserInfo(new string('x', 33));            // UserId too long
        users[4999] = new RegisterUserInfo($"{prefix}-4999", new string('n', 65)); // UserName too long
        var existing = new[] { 3, 1000, 2500 };
        var setup = await factory.Client(TestApp.A).RegisterUsersAsync(existing.Select(i => users[i]).ToList(), Token);
        Assert.Equal(ZimCode.Success, setup.Code);
        users.Add(users[42]); // the same user twice in the input

        var traffic = new Traffic();
        var observer = new RecordingObserver();
        var result = await new ZimBulkRegistrar(factory.Client(TestApp.A, traffic))
            .RegisterAsync(users.ToAsyncEnumerable(), new BulkRegistrationOptions { Observer = observer }, Token);

        Assert.True(result.Complete);
        Assert.Equal(new BulkTally(Registered: 4994, AlreadyRegistered: 4, Rejected: 3, Failed: 0, Skipped: 0), result.Tally);
        Assert.Equal(users.Count, observer.Outcomes.Count);
        Assert.Equal([ZimCode.InvalidParameter, ZimCode.UserIdTooLong, ZimCode.UserNameTooLong],
            observer.Outcomes.Where(o => o.Kind == OutcomeKind.Rejected).OrderBy(o => users.IndexOf(o.User)).Select(o => o.Code));
        Assert.Equal(users.Count - invalid.Count - 1, traffic.SentUserIds.Count);
        Assert.Equal(traffic.SentUserIds.Count, traffic.SentUserIds.Distinct().Count());
        Assert.Equal(50, traffic.Codes.Count);

        var client = factory.Client(TestApp.A);
        foreach (var chunk in observer.Ids(OutcomeKind.Registered).Chunk(ZimLimits.MaxBatch))
        {
            Assert.Equal(chunk.Length, (await client.QueryUserInfosAsync(chunk, Token)).Result.Count);
        }
    }

    [Theory]
    [InlineData("", ZimCode.InvalidParameter)]
    [InlineData("has space", ZimCode.InvalidParameter)]
    [InlineData("émile", ZimCode.InvalidParameter)]
    [InlineData("0123456789abcdef0123456789abcdef!", ZimCode.UserIdTooLong)]
    public async Task ALocalRejectionCarriesTheSubCodeTheServerWouldGive(string userId, int subCode)
    {
        var observer = new RecordingObserver();
        await new ZimBulkRegistrar(factory.Client(TestApp.A))
            .RegisterAsync([new RegisterUserInfo(userId)], new BulkRegistrationOptions { Observer = observer }, Token);
        var local = Assert.Single(observer.Outcomes);
        Assert.Equal(OutcomeKind.Rejected, local.Kind);
        Assert.Equal(subCode, local.Code);

        var server = await factory.Caller(TestApp.A).PostAsync("UserRegister", Json.Users(userId));
        Assert.Equal(subCode, Assert.Single(server.Errors).SubCode);
    }

    [Fact]
    public async Task ASmallBatchSizeMakesNumberedBatchesInInputOrder()
    {
        var users = NewUsers.Of(25);
        var observer = new RecordingObserver();
        var result = await new ZimBulkRegistrar(factory.Client(TestApp.A))
            .RegisterAsync(users, new BulkRegistrationOptions { BatchSize = 10, Observer = observer }, Token);
        Assert.Equal(25, result.Tally.Registered);
        Assert.Equal([0L, 1, 2], observer.Batches.Order());
    }

    [Fact]
    public async Task BatchesMarkedDoneAreSkippedAndNotSent()
    {
        var users = NewUsers.Of(30);
        var traffic = new Traffic();
        var result = await new ZimBulkRegistrar(factory.Client(TestApp.A, traffic))
            .RegisterAsync(users, new BulkRegistrationOptions { BatchSize = 10, IsBatchDone = i => i == 1 }, Token);
        Assert.Equal(new BulkTally(20, 0, 0, 0, 10), result.Tally);
        Assert.Equal(users.Take(10).Concat(users.Skip(20)).Select(u => u.UserId).Order(), traffic.SentUserIds.Order());
    }
}
