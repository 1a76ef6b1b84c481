using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Friends contract sections 10.1 and 10.2: AddUsersToBlacklist and RemoveUsersFromBlacklist, row by row.</summary>
public abstract class BlocklistChangeTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly BlocklistCalls calls = new(factory.Caller(TestApp.A));

    [Fact]
    public async Task AddingBlocksEveryRegisteredUserWithAnEmptyErrList()
    {
        var (a, b, c) = await Three();
        var answer = await calls.AddAsync(a, b, c);
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal("success", answer.Message);
        Assert.Empty(answer.ErrorsIn("ErrList"));
        Assert.False(answer.Json.TryGetProperty("ErrorList", out _));
        Assert.Equal(new[] { b, c }.Order(StringComparer.Ordinal), (await calls.BlockedAsync(a)).Order(StringComparer.Ordinal));
        Assert.Empty(await calls.BlockedAsync(b));
    }

    [Fact]
    public async Task EachFailingEntryGetsItsSubCodeInRequestOrderWhileTheOthersAreBlocked()
    {
        var (a, b, c) = await Three();
        var unknown = Json.NewId();
        var tooLong = new string('x', 33);
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(a, c)).Code);
        var answer = await calls.Caller.PostAsync("AddUsersToBlacklist",
            $$"""{"FromUserId":"{{a}}","UserIds":["bad id","{{tooLong}}",7,"{{a}}","{{unknown}}","{{c}}","{{b}}","{{b}}"]}""");
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(
            [("bad id", ZimCode.InvalidParameter), (tooLong, ZimCode.UserIdTooLong), ("", ZimCode.InvalidParameter), (a, ZimCode.BlockingSelf),
             (unknown, ZimCode.QueryUserNotFound), (c, ZimCode.AlreadyBlocked), (b, ZimCode.AlreadyBlocked)],
            answer.ErrorsIn("ErrList"));
        Assert.All(answer.Json.GetProperty("ErrList").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("SubMessage").GetString())));
        Assert.Equal(new[] { b, c }.Order(StringComparer.Ordinal), (await calls.BlockedAsync(a)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WhenEveryEntryFailsAddingAnswers660800041AndStillListsThem()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, b);
        var answer = await calls.AddAsync(a, b, a);
        Assert.Equal(ZimCode.BlockingFailed, answer.Code);
        Assert.Equal([(b, ZimCode.AlreadyBlocked), (a, ZimCode.BlockingSelf)], answer.ErrorsIn("ErrList"));
    }

    [Fact]
    public async Task AnUnregisteredFromUserIdAnswers660500002AndChangesNothing()
    {
        var b = await calls.UserAsync();
        var from = Json.NewId();
        var answer = await calls.AddAsync(from, b);
        Assert.Equal(ZimCode.FromUserNotRegistered, answer.Code);
        Assert.Empty(answer.ErrorsIn("ErrList"));
        Assert.Equal(ZimCode.FromUserNotRegistered, (await calls.RemoveAsync(from, b)).Code);
        await calls.Caller.PostAsync("UserRegister", Json.Users(from));
        Assert.Empty(await calls.BlockedAsync(from));
    }

    [Theory]
    [InlineData("AddUsersToBlacklist")]
    [InlineData("RemoveUsersFromBlacklist")]
    [InlineData("CheckUsersIsInBlacklist")]
    public async Task TwentyIdsAreTakenAndTwentyOneAnswer660800039(string action)
    {
        var a = await calls.UserAsync();
        var ids = Enumerable.Range(0, 21).Select(i => $"n{i}").ToArray();
        var over = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, UserIds = ids }));
        Assert.Equal(ZimCode.BlocklistBatchTooLong, over.Code);
        Assert.Equal("UserIds holds 21 entries; the limit is 20.", over.Message);
        Assert.Empty(over.ErrorsIn("ErrList"));
        Assert.Equal(ZimCode.InvalidParameter, (await calls.Caller.PostAsync(action, Json.Of(new { UserIds = ids }))).Code);
        Assert.Contains("1 to 20", (await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, UserIds = Array.Empty<string>() }))).Message, StringComparison.Ordinal);
        var atLimit = await calls.Caller.PostAsync(action, Json.Of(new { FromUserId = a, UserIds = ids[..20] }));
        Assert.NotEqual(ZimCode.BlocklistBatchTooLong, atLimit.Code);
        Assert.Equal(20, atLimit.ErrorsIn("ErrList").Count);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"UserIds":["b"]}""")]
    [InlineData("""{"FromUserId":7,"UserIds":["b"]}""")]
    [InlineData("""{"FromUserId":"bad id","UserIds":["b"]}""")]
    [InlineData("""{"FromUserId":"","UserIds":["b"]}""")]
    [InlineData("""{"FromUserId":"a"}""")]
    [InlineData("""{"FromUserId":"a","UserIds":[]}""")]
    [InlineData("""{"FromUserId":"a","UserIds":"b"}""")]
    [InlineData("""{"FromUserId":"a","UserIds":null}""")]
    public async Task AMalformedBodyFailsWholeWith660000002InEveryBlocklistPost(string body)
    {
        foreach (var action in new[] { "AddUsersToBlacklist", "RemoveUsersFromBlacklist", "CheckUsersIsInBlacklist" })
        {
            var answer = await calls.Caller.PostAsync(action, body);
            Assert.Equal(ZimCode.InvalidParameter, answer.Code);
            Assert.Empty(answer.ErrorsIn("ErrList"));
        }
    }

    [Fact]
    public async Task PropertyNamesMatchInAnyCaseAndUnknownOnesAreIgnored()
    {
        var (a, b, _) = await Three();
        var answer = await calls.Caller.PostAsync("AddUsersToBlacklist", $$"""{"fromuserid":"{{a}}","USERIDS":["{{b}}"],"Reason":{"x":1} }""");
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([b], await calls.BlockedAsync(a));
    }

    [Fact]
    public async Task TheWrongMethodNamesPost()
    {
        var answer = await calls.Caller.GetAsync("AddUsersToBlacklist");
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Contains("POST", answer.Message, StringComparison.Ordinal);
        Assert.Empty(answer.ErrorsIn("ErrList"));
    }

    [Fact]
    public async Task RemovingUnblocksAndReportsSelfRepeatsAndUsersNotBlocked()
    {
        var (a, b, c) = await Three();
        var unknown = Json.NewId();
        await calls.AddAsync(a, b, c);
        var answer = await calls.RemoveAsync(a, b, a, b, unknown, "bad id");
        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal(
            [(a, ZimCode.BlockingSelf), (b, ZimCode.AlreadyUnblocked), (unknown, ZimCode.NotBlocked), ("bad id", ZimCode.InvalidParameter)],
            answer.ErrorsIn("ErrList"));
        Assert.Equal([c], await calls.BlockedAsync(a));
    }

    [Fact]
    public async Task WhenEveryEntryFailsRemovingAnswers660800042()
    {
        var (a, b, _) = await Three();
        var answer = await calls.RemoveAsync(a, b);
        Assert.Equal(ZimCode.UnblockingFailed, answer.Code);
        Assert.Equal([(b, ZimCode.NotBlocked)], answer.ErrorsIn("ErrList"));
    }

    [Fact]
    public async Task BlockingLeavesTheUsersThemselvesAndUnblockingAllowsBlockingAgain()
    {
        var (a, b, _) = await Three();
        await calls.AddAsync(a, b);
        Assert.Equal(ZimCode.Success, (await calls.Caller.PostAsync("QueryUserInfos", Json.Ids(a, b))).Code);
        Assert.Equal(ZimCode.Success, (await calls.RemoveAsync(a, b)).Code);
        Assert.Empty(await calls.BlockedAsync(a));
        Assert.Equal(ZimCode.Success, (await calls.AddAsync(a, b)).Code);
    }

    private async Task<(string A, string B, string C)> Three()
    {
        var ids = await calls.UsersAsync(3);
        return (ids[0], ids[1], ids[2]);
    }
}

public sealed class BlocklistChangesOnSqlite(ZimFactory factory) : BlocklistChangeTests<ZimFactory>(factory);

public sealed class BlocklistChangesOnPostgres(PostgresZimFactory factory) : BlocklistChangeTests<PostgresZimFactory>(factory);
