using System.Net;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Section 1: one path, methods per action, envelopes, RequestId, and the body cap.</summary>
public abstract class TransportTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    [Theory]
    [InlineData("UserRegister", "GET", "POST")]
    [InlineData("QueryUserInfos", "GET", "POST")]
    [InlineData("ModifyUserInfo", "PUT", "POST")]
    [InlineData("QueryUserOnlineState", "POST", "GET")]
    public async Task TheWrongMethodIsRefusedNamingTheRightOne(string action, string method, string right)
    {
        var answer = await caller.SendAsync(new HttpMethod(method), ZimCaller.Query(caller.Common(action)), method == "GET" ? null : "{}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Contains(right, answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAnswerCarriesAUniqueDecimalRequestIdAlsoAsAHeader()
    {
        var answers = new List<ZimAnswer>
        {
            await caller.PostAsync("UserRegister", Json.Users(Json.NewId())),
            await caller.PostAsync("UserRegister", "broken"),
            await caller.SendAsync(HttpMethod.Get, "Action=Nope", null),
            await caller.SendAsync(HttpMethod.Get, "", null),
        };
        foreach (var answer in answers)
        {
            Assert.Matches("^[0-9]+$", answer.RequestId);
            Assert.Equal(answer.RequestId, answer.RequestIdHeader);
        }
        Assert.Equal(answers.Count, answers.Select(a => a.RequestId).Distinct().Count());
    }

    [Fact]
    public async Task RequestIdsStayUniqueUnderConcurrency()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ => (await caller.SendAsync(HttpMethod.Get, "", null)).RequestId));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public async Task AnswersUseTheContractsCasingAndNoDataWrapper()
    {
        var answer = await caller.PostAsync("QueryUserInfos", Json.Ids("someone"));
        var names = answer.Json.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["Code", "Message", "RequestId", "Result", "ErrorList"], names);
        var error = answer.Json.GetProperty("ErrorList")[0];
        Assert.Equal(["UserId", "SubCode", "SubMessage"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("Code").ValueKind);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("RequestId").ValueKind);
    }

    [Fact]
    public async Task AnAnswerWithoutAKnownActionIsAPlainEnvelope()
    {
        var answer = await caller.SendAsync(HttpMethod.Post, "Action=Nope", "{}");
        Assert.Equal(["Code", "Message", "RequestId"], answer.Json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task NonAsciiTextComesBackUnescaped()
    {
        var id = Json.NewId();
        await caller.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = "王小明" } } }));
        var answer = await caller.PostAsync("QueryUserInfos", Json.Ids(id));
        Assert.Contains("\"UserName\":\"王小明\"", answer.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheCapIsRefusedWith413AndAnEnvelope()
    {
        var big = Json.Of(new { UserInfo = new[] { new { UserId = "a", UserName = new string('n', 1024 * 1024) } } });
        var answer = await caller.PostAsync("UserRegister", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Matches("^[0-9]+$", answer.RequestId);
    }

    [Fact]
    public async Task AChunkedBodyOverTheCapIsRefusedToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/?" + ZimCaller.Query(caller.Common("UserRegister")));
        request.Content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024]));
        request.Headers.TransferEncodingChunked = true;
        using var response = await caller.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await ZimAnswer.ReadAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Empty(answer.Errors);
    }

    [Fact]
    public async Task AnOverLargeChunkedBodyLeavesItsNonceUsable()
    {
        var query = ZimCaller.Query(caller.Common("UserRegister"));
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/?" + query))
        {
            request.Content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024]));
            request.Headers.TransferEncodingChunked = true;
            using var response = await caller.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        Assert.Equal(ZimCode.Success, (await caller.SendAsync(HttpMethod.Post, query, Json.Users(Json.NewId()))).Code);
    }

    [Fact]
    public async Task ABodyJustUnderTheCapIsRead()
    {
        var padding = new string(' ', 1024 * 1024 - 200);
        var answer = await caller.PostAsync("UserRegister", Json.Users(Json.NewId()) + padding);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(ZimCode.Success, answer.Code);
    }

    [Fact]
    public async Task OtherPathsAreNotFound()
    {
        using var response = await caller.Http.GetAsync("/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HealthAnswersWhileTheStoreAnswers()
    {
        using var response = await caller.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}

public sealed class TransportOnSqlite(ZimFactory factory) : TransportTests<ZimFactory>(factory);

public sealed class TransportOnPostgres(PostgresZimFactory factory) : TransportTests<PostgresZimFactory>(factory);
