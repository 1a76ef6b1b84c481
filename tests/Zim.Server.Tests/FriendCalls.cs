using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The calls the friend tests make, on one app.</summary>
internal sealed class FriendCalls(ZimCaller caller)
{
    private readonly BlocklistCalls users = new(caller);

    public ZimCaller Caller => caller;

    /// <summary>New registered users.</summary>
    public Task<string[]> UsersAsync(int count) => users.UsersAsync(count, "f");

    /// <summary>AddFriends with plain entries (no wording, alias or attributes).</summary>
    public Task<ZimAnswer> AddAsync(string from, params string[] ids) => AddAsync(from, ids.Select(id => (object)new { UserId = id }).ToArray());

    public Task<ZimAnswer> AddAsync(string from, object[] infos) =>
        caller.PostAsync("AddFriends", Json.Of(new { FromUserId = from, FriendInfos = infos }));

    public Task<ZimAnswer> ApplyAsync(string from, params object[] infos) =>
        caller.PostAsync("SendFriendApplication", Json.Of(new { FromUserId = from, FriendInfos = infos }));

    public Task<ZimAnswer> DeleteAsync(string from, int deleteType, params string[] ids) =>
        caller.PostAsync("DeleteFriends", Json.Of(new { FromUserId = from, UserIds = ids, DeleteType = deleteType }));

    public Task<ZimAnswer> DeleteAllAsync(string from, int deleteType) =>
        caller.GetAsync("DeleteAllFriends", $"&FromUserId={Uri.EscapeDataString(from)}&DeleteType={deleteType}");

    public Task<ZimAnswer> CheckAsync(string from, int checkType, params string[] ids) =>
        caller.PostAsync("CheckFriendsRelation", Json.Of(new { FromUserId = from, UserIds = ids, CheckType = checkType }));

    public Task<ZimAnswer> AliasAsync(string from, params object[] entries) =>
        caller.PostAsync("UpdateFriendsAlias", Json.Of(new { FromUserId = from, UserIds = entries }));

    public Task<ZimAnswer> AttributesAsync(string from, string friend, params object[] attributes) =>
        caller.PostAsync("UpdateFriendAttributes", Json.Of(new { FromUserId = from, UserId = friend, Attributes = attributes, Action = 0 }));

    public Task<ZimAnswer> QueryAsync(string from, string extra = "") =>
        caller.GetAsync("QueryFriendList", "&FromUserId=" + Uri.EscapeDataString(from) + extra);

    /// <summary>The friends on one page of the list, as JSON items, in order.</summary>
    public async Task<JsonElement[]> FriendsAsync(string from, string extra = "")
    {
        var answer = await QueryAsync(from, extra);
        Assert.Equal(ZimCode.Success, answer.Code);
        return [.. answer.Json.GetProperty("FriendInfos").EnumerateArray()];
    }

    /// <summary>The UserIds on the first page of the list, in order.</summary>
    public async Task<string[]> FriendIdsAsync(string from) => [.. (await FriendsAsync(from)).Select(f => f.GetProperty("UserId").GetString()!)];

    /// <summary>CheckFriendsRelation's Successes as (UserId, Relation) pairs.</summary>
    public static (string UserId, int Relation)[] Successes(ZimAnswer answer) =>
        [.. answer.Json.GetProperty("Successes").EnumerateArray().Select(e => (e.GetProperty("UserId").GetString()!, e.GetProperty("Relation").GetInt32()))];

    /// <summary>UpdateFriendAttributes' FailKey as (Key, SubCode) pairs.</summary>
    public static (string Key, int SubCode)[] FailKey(ZimAnswer answer) =>
        [.. answer.Json.GetProperty("FailKey").EnumerateArray().Select(e => (e.GetProperty("Key").GetString()!, e.GetProperty("SubCode").GetInt32()))];
}
