using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The calls the blocklist tests make, on one app.</summary>
internal sealed class BlocklistCalls(ZimCaller caller)
{
    public ZimCaller Caller => caller;

    /// <summary>New registered users, one per name given (their UserNames).</summary>
    public async Task<string[]> UsersAsync(int count, string prefix = "b")
    {
        var ids = Enumerable.Range(0, count).Select(_ => Json.NewId(prefix)).ToArray();
        for (var i = 0; i < ids.Length; i += 100)
        {
            var answer = await caller.PostAsync("UserRegister", Json.Users(ids.Skip(i).Take(100).ToArray()));
            Assert.Equal(ZimCode.Success, answer.Code);
        }
        return ids;
    }

    public async Task<string> UserAsync() => (await UsersAsync(1))[0];

    public Task<ZimAnswer> AddAsync(string from, params string[] ids) =>
        caller.PostAsync("AddUsersToBlacklist", Json.Of(new { FromUserId = from, UserIds = ids }));

    public Task<ZimAnswer> RemoveAsync(string from, params string[] ids) =>
        caller.PostAsync("RemoveUsersFromBlacklist", Json.Of(new { FromUserId = from, UserIds = ids }));

    public Task<ZimAnswer> CheckAsync(string from, params string[] ids) =>
        caller.PostAsync("CheckUsersIsInBlacklist", Json.Of(new { FromUserId = from, UserIds = ids }));

    public Task<ZimAnswer> QueryAsync(string from, string extra = "") =>
        caller.GetAsync("QueryBlacklist", "&FromUserId=" + Uri.EscapeDataString(from) + extra);

    /// <summary>The UserIds of one page of the blocklist, in order.</summary>
    public async Task<string[]> BlockedAsync(string from, string extra = "")
    {
        var answer = await QueryAsync(from, extra);
        Assert.Equal(ZimCode.Success, answer.Code);
        return Blocked(answer);
    }

    public static string[] Blocked(ZimAnswer answer) =>
        [.. answer.Json.GetProperty("Blacklist").EnumerateArray().Select(e => e.GetProperty("UserId").GetString()!)];

    /// <summary>CheckUsersIsInBlacklist's Succ as (UserId, Result) pairs.</summary>
    public static (string UserId, int Result)[] Succ(ZimAnswer answer) =>
        [.. answer.Json.GetProperty("Succ").EnumerateArray().Select(e => (e.GetProperty("UserId").GetString()!, e.GetProperty("Result").GetInt32()))];
}
