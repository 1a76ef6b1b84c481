using System.Net;
using System.Text;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Ten thousand generated malformed requests, most of them correctly signed so that they reach the body
/// parser: every answer is a ZIM envelope or a deliberate 4xx, never a 5xx nor 660000001 (the caller's
/// error is never ours), and the server still works.
/// </summary>
public sealed class FuzzTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private const int Requests = 10_000;
    private static readonly string[] Actions =
    [
        "UserRegister", "QueryUserInfos", "ModifyUserInfo", "QueryUserOnlineState",
        "AddFriends", "SendFriendApplication", "DeleteFriends", "DeleteAllFriends", "QueryFriendList", "CheckFriendsRelation",
        "UpdateFriendsAlias", "UpdateFriendAttributes",
        "AddUsersToBlacklist", "RemoveUsersFromBlacklist", "QueryBlacklist", "CheckUsersIsInBlacklist", "RobotRegister",
    ];
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    [Fact]
    public async Task MalformedRequestsGetEnvelopesOrDeliberate4xxAndNeverA5xx()
    {
        var random = new Random(6);
        var statuses = new Dictionary<HttpStatusCode, int>();
        // Memory is measured once warm and again at the end. Buffer pools keep up to some tens of MiB of
        // large arrays, depending on which body sizes came last, so the bound is generous; what it
        // catches is anything kept per request (keeping the bodies of 8,000 requests would be ~500 MiB).
        long? memoryWarm = null;
        for (var i = 0; i < Requests; i += 8)
        {
            if (i == 2000)
            {
                factory.Logs.Entries.Clear(); // the test's own log capture grows by design
                memoryWarm = GC.GetTotalMemory(forceFullCollection: true);
            }
            var batch = Enumerable.Range(0, 8).Select(_ => SendOneAsync(NextCase(random))).ToList();
            foreach (var (status, raw) in await Task.WhenAll(batch))
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                Assert.True((int)status < 500, $"HTTP {(int)status}: {raw}");
                if (status is HttpStatusCode.OK or HttpStatusCode.RequestEntityTooLarge)
                {
                    using var envelope = JsonDocument.Parse(raw);
                    Assert.Equal(JsonValueKind.Number, envelope.RootElement.GetProperty("Code").ValueKind);
                    Assert.True(envelope.RootElement.GetProperty("Code").GetInt32() != ZimCode.InternalError, $"internal error for a bad request: {raw}");
                    Assert.Matches("^[0-9]+$", envelope.RootElement.GetProperty("RequestId").GetString()!);
                }
            }
        }

        factory.Logs.Entries.Clear();
        var growth = GC.GetTotalMemory(forceFullCollection: true) - memoryWarm!.Value;
        Assert.True(growth < 256 * 1024 * 1024, $"managed memory grew by {growth / 1024 / 1024} MiB after warm-up");
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Requests} malformed requests: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"HTTP {(int)s.Key} x{s.Value}")) + "; 0 HTTP 5xx");
    }

    private sealed record FuzzCase(string Method, string Query, byte[]? Body);

    private async Task<(HttpStatusCode, string)> SendOneAsync(FuzzCase fuzz)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), "/?" + fuzz.Query);
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
        }
        using var response = await caller.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private FuzzCase NextCase(Random random)
    {
        var action = Actions[random.Next(Actions.Length)];
        var method = random.Next(10) switch { 0 => "PUT", 1 => "DELETE", 2 => "GET", _ => "POST" };
        var query = random.Next(10) < 7 ? ZimCaller.Query(caller.Common(action)) : BadQuery(random, action);
        if (action == "QueryUserOnlineState" && random.Next(2) == 0)
        {
            query += string.Concat(Enumerable.Range(0, random.Next(0, 130)).Select(_ => "&UserId[]=" + Uri.EscapeDataString(RandomText(random, random.Next(0, 40)))));
        }
        return new FuzzCase(method, query, method is "GET" or "DELETE" ? null : BadBody(random, action));
    }

    private string BadQuery(Random random, string action)
    {
        var parameters = caller.Common(action);
        return random.Next(6) switch
        {
            0 => ZimCaller.Query(parameters.Where(_ => random.Next(3) > 0)),
            1 => ZimCaller.Query(parameters.Concat(parameters)),
            2 => ZimCaller.Query(parameters.Select(p => random.Next(3) == 0 ? new KeyValuePair<string, string>(p.Key, RandomText(random, 50)) : p)),
            3 => "%" + RandomText(random, 20) + "&&&=&Action",
            4 => ZimCaller.Query(parameters) + "&Timestamp=" + long.MaxValue + "&AppId=" + ulong.MaxValue,
            _ => string.Concat(Enumerable.Range(0, 200).Select(i => $"k{i}=v&")),
        };
    }

    private static byte[] BadBody(Random random, string action)
    {
        var list = action switch
        {
            "AddFriends" or "SendFriendApplication" => "FriendInfos",
            "UpdateFriendAttributes" => "Attributes",
            _ when action == "QueryUserInfos" || action.Contains("Blacklist", StringComparison.Ordinal) || action.Contains("Friend", StringComparison.Ordinal) => "UserIds",
            _ => "UserInfo",
        };
        var text = random.Next(16) switch
        {
            0 => new string('[', random.Next(1, 5000)) + new string(']', random.Next(0, 5000)),
            1 => "{\"" + list + "\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201),
            2 => $$"""{"{{list}}":[{"UserId":{{random.Next()}},"UserName":[],"UserAvatar":{},"Extra":true}]}""",
            3 => $$"""{"{{list}}":[{"UserId":"{{new string('x', random.Next(0, 1_200_000))}}"}]}""",
            4 => $$"""{"{{list}}":[{{string.Join(',', Enumerable.Repeat("\"a\"", random.Next(90, 20_000)))}}]}""",
            5 => $$"""{"{{list}}":[{"UserId":"a\u0000b","UserName":"\ud800","UserAvatar":"\udfff\ud800"}]}""",
            6 => $$"""{"{{list}}":[{"UserId":"a","UserId":"b","userid":"c","USERID":5}],"{{list}}":null}""",
            7 => $$"""{"{{list}}":[{"UserId":"a"}], "n": 1e999999, "m": -0.0e-99999, "big": 123456789012345678901234567890}""",
            8 => $$"""{"{{list}}":[{"UserId":"a"}]} trailing""",
            9 => RandomText(random, random.Next(0, 2000)),
            10 => "{\"" + list + "\":[" + string.Join(',', Enumerable.Range(0, 100).Select(_ => $"{{\"UserId\":\"{RandomText(random, 20)}\",\"UserName\":\"{RandomText(random, 80)}\"}}")) + "]}",
            11 => "",
            12 => "null",
            13 => "{\"" + list + "\":[" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"{{\"UserId\":\"f{i}\"}}")) + "]}",
            14 => $$"""{"{{list}}":[{"UserId":"ok","UserName":"{{new string('é', random.Next(0, 100))}}","UserAvatar":"{{new string('a', random.Next(400, 600))}}","Extra":"{{new string('e', random.Next(2000, 2100))}}"}]}""",
            _ => "{\"" + list + "\":[{\"UserId\":\"ok\"}]",
        };
        // The friend and blocklist bodies name their user first; with one, a body reaches the list's own checks.
        if (list != "UserInfo" && action != "QueryUserInfos" && text.StartsWith('{') && random.Next(2) == 0)
        {
            text = "{\"FromUserId\":\"fz-a\",\"UserId\":\"fz-b\",\"DeleteType\":0,\"CheckType\":1," + text[1..];
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(8) == 0 && bytes.Length > 2)
        {
            // Invalid UTF-8: a lone continuation byte, an overlong form, a truncated sequence.
            var position = random.Next(bytes.Length);
            bytes[position] = random.Next(3) switch { 0 => 0x80, 1 => 0xC0, _ => 0xF4 };
        }
        return bytes;
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0x20, 0x7F),
                2 => (char)random.Next(0x80, 0xD7FF),
                _ => "\"\\{}[]:,%&=+ \u2028\uFEFF"[random.Next(15)],
            };
        }
        return new string(chars);
    }
}
