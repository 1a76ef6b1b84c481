using System.Net;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The OpenAPI document and its reference page.</summary>
public sealed class OpenApiTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var text = await factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task TheDocumentDescribesTheZimActionsOnTheRootPathWithTheirCommonParameters()
    {
        var root = (await DocumentAsync()).GetProperty("paths").GetProperty("/");

        var actions = root.GetProperty("post").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Action").GetProperty("schema").GetProperty("enum")
            .EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["UserRegister", "QueryUserInfos", "ModifyUserInfo", "AddFriends", "SendFriendApplication", "DeleteFriends", "CheckFriendsRelation",
            "UpdateFriendsAlias", "UpdateFriendAttributes", "AddUsersToBlacklist", "RemoveUsersFromBlacklist", "CheckUsersIsInBlacklist", "RobotRegister"], actions);
        Assert.True(root.TryGetProperty("get", out var get));
        Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Signature");
        var gets = get.GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "Action").GetProperty("schema").GetProperty("enum")
            .EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["QueryUserOnlineState", "DeleteAllFriends", "QueryFriendList", "QueryBlacklist"], gets);
    }

    [Fact]
    public async Task EachFriendActionListsItsCodes()
    {
        var root = (await DocumentAsync()).GetProperty("paths").GetProperty("/");
        var codes = root.GetProperty("post").GetProperty("x-zim-codes");
        var adding = codes.GetProperty("AddFriends").EnumerateArray().Select(c => c.GetInt32()).ToList();
        Assert.Contains(ZimCode.NoTargetRegistered, adding);
        Assert.Contains(ZimCode.TimeInFuture, adding);
        Assert.Contains(ZimCode.NotFriend, codes.GetProperty("UpdateFriendAttributes").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Contains(ZimCode.QueryRateLimited, root.GetProperty("get").GetProperty("x-zim-codes").GetProperty("QueryFriendList").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Contains("AddFriends: 0, 660000001", root.GetProperty("post").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("get").GetProperty("x-zim-codes").TryGetProperty("DeleteAllFriends", out _));
        var paths = (await DocumentAsync()).GetProperty("paths");
        Assert.True(paths.GetProperty("/admin/api/apps/{appId}/users/{userId}/friends").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/admin/api/apps/{appId}/users/{userId}/applications").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/admin/api/apps/{appId}/users/{userId}/blocklist").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task TheDocumentDescribesTheAdminApi()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        Assert.True(paths.GetProperty("/admin/api/apps").TryGetProperty("post", out var create));
        Assert.Contains("201", create.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.True(paths.GetProperty("/admin/api/apps/{appId}/users/export").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/admin/api/apps/{appId}/requests").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/admin/api/apps/{appId}/faults").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/admin/api/apps/{appId}/faults/next").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/admin/api/reset").TryGetProperty("post", out _));
        Assert.False(paths.TryGetProperty("/openapi/", out _));
    }

    [Fact]
    public async Task TheDocumentDescribesTheFaultRulesAndTheLoggedBodies()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var rule = schemas.GetProperty("FaultRule").GetProperty("properties");
        Assert.Equal(["Action", "Count", "Code", "Message"], rule.EnumerateObject().Select(p => p.Name));
        var settings = schemas.GetProperty("FaultSettings").GetProperty("properties");
        Assert.Equal(["InternalErrorShare", "RateLimitShare", "LatencyShare", "LatencyMs", "Next"], settings.EnumerateObject().Select(p => p.Name));
        Assert.True(schemas.GetProperty("LoggedCall").GetProperty("properties").TryGetProperty("BodyTruncated", out _));
        Assert.True(schemas.GetProperty("ResetResult").GetProperty("properties").TryGetProperty("Users", out _));
    }

    [Fact]
    public async Task TheReferencePageIsServedAsHtmlThatReadsTheDocument()
    {
        using var response = await factory.CreateClient().GetAsync("/openapi/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
    }
}
