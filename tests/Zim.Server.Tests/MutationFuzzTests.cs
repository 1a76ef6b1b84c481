using System.Globalization;
using System.Text;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Valid requests of every action, mutated at random bytes, bits and lengths and each correctly signed, so
/// that they reach the action's parser: every answer is a JSON envelope whose Code is a client-side one.
/// 660000001 tells the caller to retry, which for a bad request would go on for ever. A failure names its
/// seed; <c>ZIM_FUZZ_SEED=n</c> replays that run, <c>ZIM_FUZZ_CASES=n</c> changes the cases per action.
/// </summary>
public abstract class MutationFuzzTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    /// <summary>Users that the samples refer to, registered before any mutation is sent.</summary>
    private static readonly string[] KnownUsers = ["fz-a", "fz-b", "fz-c", "fz-remover"];

    /// <summary>
    /// One row per action: its method, a valid request (the body of a POST, the action's own query of a GET)
    /// and the Code it answers. A new action adds its row here. The samples hold escapes, non-ASCII text and
    /// unknown properties, so that single mutations land on those paths of the parser too.
    /// </summary>
    private static readonly FuzzTarget[] Targets =
    [
        new("UserRegister", HttpMethod.Post,
            """{"UserInfo":[{"UserId":"fz-new","UserName":"Zo\u00eb 李 \ud83d\ude00","UserAvatar":"https://example.com/a.png"},{"userid":"fz-a","USERNAME":"Ann","Note":12.5e3}]}""",
            ZimCode.Success),
        new("QueryUserInfos", HttpMethod.Post,
            """{"UserIds":["fz-a","fz-b","fz-\u0063","fz-missing"],"Extra":[true,null,{}]}""",
            ZimCode.Success),
        new("ModifyUserInfo", HttpMethod.Post,
            """{"UserInfo":[{"UserId":"fz-a","UserName":"Ann Zoë","\u0055serAvatar":"https://example.com/b.png","Extra":"{\"level\":3,\"tag\":\"\\u00e9\"}"},{"UserId":"fz-b","UserName":"","Extra":null}]}""",
            ZimCode.Success),
        new("QueryUserOnlineState", HttpMethod.Get,
            "UserId[]=fz-a&UserId[]=fz-b&UserId[]=fz-%63", ZimCode.UserNotOnline),
        // The friend samples fail in ways no other sample's mutations change (FromUserId itself, a user never
        // registered), so their expected answers hold whichever test runs first; their mutations reach the store.
        new("AddFriends", HttpMethod.Post,
            """{"FromUserId":"fz-a","FriendInfos":[{"UserId":"fz-a"},{"userid":"fz-missing","Wording":"Zo\u00eb 李","FriendAlias":"\ud83d\ude00","FriendTime":0,"Attributes":[{"Key":"k0","Value":"é"},{"key":"k4","VALUE":""}],"x":[1.5e3,null]}]}""",
            ZimCode.InvalidParameter),
        new("SendFriendApplication", HttpMethod.Post,
            """{"FromUserId":"fz-a","FriendInfos":[{"UserId":"fz-\u0061"},{"UserId":"fz-missing","Wording":"李","CreateTime":0,"UpdateTime":0,"Attributes":[{"Key":"k3","Value":"Zoë"}]}],"Note":{}}""",
            ZimCode.InvalidParameter),
        new("DeleteFriends", HttpMethod.Post,
            """{"FromUserId":"fz-a","UserIds":["fz-a","fz-missing"],"DeleteType":0,"Reason":"é"}""",
            ZimCode.InvalidParameter),
        new("DeleteAllFriends", HttpMethod.Get,
            "FromUserId=fz-%63&DeleteType=1", ZimCode.Success),
        new("QueryFriendList", HttpMethod.Get,
            "FromUserId=fz-%61&Limit=10&Next=0", ZimCode.Success),
        new("CheckFriendsRelation", HttpMethod.Post,
            """{"FromUserId":"fz-a","UserIds":["fz-b","fz-\u0063","fz-missing","fz-a","fz-b"],"CheckType":0,"Note":[true]}""",
            ZimCode.Success),
        new("UpdateFriendsAlias", HttpMethod.Post,
            """{"FromUserId":"fz-a","UserIds":[{"UserId":"fz-a","FriendAlias":"Zo\u00eb"},{"UserId":"fz-missing","FriendAlias":"李"}]}""",
            ZimCode.NotFriend),
        new("UpdateFriendAttributes", HttpMethod.Post,
            """{"FromUserId":"fz-a","UserId":"fz-missing","Attributes":[{"Key":"k0","Value":"Zoë"},{"key":"k1","value":"\u00e9"}],"Action":0}""",
            ZimCode.NotFriend),
        new("AddUsersToBlacklist", HttpMethod.Post,
            """{"FromUserId":"fz-a","UserIds":["fz-b","fz-\u0063","fz-missing","fz-a"],"Reason":["Zoë 李",null]}""",
            ZimCode.Success),
        // fz-remover is many edits away from the other samples' FromUserId, so their mutations do not make it block anyone:
        // its removals are "not blocked" whichever test runs first.
        new("RemoveUsersFromBlacklist", HttpMethod.Post,
            """{"fromUserId":"fz-remov\u0065r","USERIDS":["fz-a","fz-b","fz-b"],"x":{"y":1.5e3}}""",
            ZimCode.UnblockingFailed),
        new("CheckUsersIsInBlacklist", HttpMethod.Post,
            """{"FromUserId":"fz-a","UserIds":["fz-b","fz-c","fz-a","fz-missing","fz-\u0062"],"Note":"é"}""",
            ZimCode.Success),
        new("QueryBlacklist", HttpMethod.Get,
            "FromUserId=fz-%61&Limit=10&Next=0", ZimCode.Success),
        new("RobotRegister", HttpMethod.Post,
            """{"UserInfo":[{"UserId":"@RBT#fz-new","UserName":"Zo\u00eb 李 \ud83d\ude00","UserAvatar":"https://example.com/bot.png"},{"userid":"@RBT#fz-a","Note":true}]}""",
            ZimCode.Success),
    ];

    private const int DefaultCases = 4000;
    private const int InFlight = 8;
    private const int FailuresShown = 5;

    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    public static TheoryData<string> Actions => new(Targets.Select(t => t.Action));

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task MutatedRequestsNeverAnswerInternalErrorOrAnythingButAJsonEnvelope(string action)
    {
        var target = Targets.Single(t => t.Action == action);
        var seed = Setting("ZIM_FUZZ_SEED") ?? Random.Shared.Next();
        var cases = Setting("ZIM_FUZZ_CASES") ?? DefaultCases;
        factory.Logs.Entries.Clear();
        var register = await caller.PostAsync("UserRegister", Json.Users(KnownUsers));
        Assert.True(register.Code is ZimCode.Success or ZimCode.UserExists, register.Raw);
        var sample = Encoding.UTF8.GetBytes(target.Sample);
        Assert.Equal(new Checked(target.Answers, null), await Send(target, sample));

        var mutator = new ByteMutator(new Random(seed ^ StableHash(action)));
        var failures = new List<string>();
        var codes = new SortedDictionary<int, int>();
        for (var sent = 0; sent < cases; sent += InFlight)
        {
            var batch = Enumerable.Range(sent, Math.Min(InFlight, cases - sent))
                .Select(i => (Index: i, Mutated: mutator.Mutate(sample)))
                .Select(async c => (c.Index, c.Mutated, Answer: await Send(target, c.Mutated)))
                .ToList();
            foreach (var (index, mutated, answer) in await Task.WhenAll(batch))
            {
                if (answer.Problem is { } problem)
                {
                    failures.Add($"case {index}, {Describe(target, mutated)}: {problem}");
                }
                else
                {
                    codes[answer.Code] = codes.GetValueOrDefault(answer.Code) + 1;
                }
            }
        }

        var summary = $"{action}: {cases} mutated requests, seed {seed} (ZIM_FUZZ_SEED={seed} replays it); codes "
            + string.Join(", ", codes.Select(c => $"{c.Key} x{c.Value}"));
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(failures.Count == 0,
            $"{failures.Count} bad answers. {summary}\n" + string.Join('\n', failures.Take(FailuresShown))
            + "\nThe server logged:\n" + string.Join('\n', factory.Logs.Failures().Select(f => f.Exception?.ToString()).Distinct().Take(FailuresShown)));
    }

    private sealed record FuzzTarget(string Action, HttpMethod Method, string Sample, int Answers);

    /// <summary>An answer's Code, or what is wrong with it.</summary>
    private readonly record struct Checked(int Code, string? Problem);

    private async Task<Checked> Send(FuzzTarget target, byte[] mutated)
    {
        var query = ZimCaller.Query(caller.Common(target.Action));
        using var request = target.Method == HttpMethod.Get
            ? new HttpRequestMessage(HttpMethod.Get, $"/?{query}&{ByteMutator.AsQueryText(mutated)}")
            : new HttpRequestMessage(HttpMethod.Post, "/?" + query) { Content = new ByteArrayContent(mutated) };
        using var response = await caller.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            return new(0, $"HTTP {(int)response.StatusCode}: {raw}");
        }
        try
        {
            using var envelope = JsonDocument.Parse(raw);
            if (!envelope.RootElement.TryGetProperty("Code", out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var code))
            {
                return new(0, $"HTTP {(int)response.StatusCode}, an answer without a Code: {raw}");
            }
            return code == ZimCode.InternalError ? new(code, $"HTTP {(int)response.StatusCode}, internal error: {raw}") : new(code, null);
        }
        catch (JsonException)
        {
            return new(0, $"HTTP {(int)response.StatusCode}, not JSON: {raw}");
        }
    }

    /// <summary>The case as sent: the body's bytes, or the action's query bytes and the text they were sent as.</summary>
    private static string Describe(FuzzTarget target, byte[] mutated) => target.Method == HttpMethod.Get
        ? $"query bytes (base64) {Convert.ToBase64String(mutated)}, sent as &{ByteMutator.AsQueryText(mutated)}"
        : $"body (base64) {Convert.ToBase64String(mutated)}";

    /// <summary>Mixed into the run's seed, so that each action draws its own cases (string.GetHashCode varies by process).</summary>
    private static int StableHash(string action)
    {
        var hash = 17;
        foreach (var c in action)
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash;
    }

    private static int? Setting(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

public sealed class MutationFuzzOnSqlite(ZimFactory factory) : MutationFuzzTests<ZimFactory>(factory);

public sealed class MutationFuzzOnPostgres(PostgresZimFactory factory) : MutationFuzzTests<PostgresZimFactory>(factory);
