using System.Text;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// Text that is not valid Unicode (bytes that are not UTF-8, unpaired surrogate escapes) is the caller's
/// error: 660000002 with a sentence that says where, never 660000001, which tells the caller to retry.
/// </summary>
public abstract class InvalidTextTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    /// <summary>Bytes that are not UTF-8: a stray byte, an overlong form, an encoded surrogate, past U+10FFFF, cut short.</summary>
    public static TheoryData<string> NotUtf8 => new() { "FF", "C0AF", "EDA080", "F4908080", "E282" };

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public async Task InvalidUtf8InsideAStringValueAnswers660000002(string hex)
    {
        var id = Json.NewId();
        var body = Splice($"{{\"UserInfo\":[{{\"UserId\":\"{id}\",\"UserName\":\"x", hex, "\"}]}");

        var answer = await caller.PostBytesAsync("UserRegister", body);

        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal($"The body is not valid JSON: a string holds bytes that are not UTF-8, at byte offset {body.AsSpan().IndexOf(Convert.FromHexString(hex))} (0x{hex[..2]}).", answer.Message);
        Assert.Empty(answer.Errors);
        Assert.False(await IsRegistered(id));
    }

    public static TheoryData<string, string, string> BadBytesOutsideValues => new()
    {
        { "UserRegister", "{\"UserInfo\":[{\"User", "Id\":\"a\"}]}" },
        { "ModifyUserInfo", "{\"UserInfo", "\":[{\"UserId\":\"a\"}]}" },
        { "QueryUserInfos", "{\"UserIds\":[\"a\"],\"Note", "\":1}" },
        { "UserRegister", "{\"UserInfo\":[{\"UserId\":[\"", "\"]}]}" },
        { "ModifyUserInfo", "{\"UserInfo\":[{\"UserId\":{\"x\":\"", "\"}}]}" },
    };

    /// <summary>Property names and a UserId that is not a string, whose text used to be read only to throw.</summary>
    [Theory]
    [MemberData(nameof(BadBytesOutsideValues))]
    public async Task InvalidUtf8InAPropertyNameOrInsideANonStringUserIdAnswers660000002(string action, string before, string after)
    {
        var answer = await caller.PostBytesAsync(action, Splice(before, "FF", after));

        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal($"The body is not valid JSON: a string holds bytes that are not UTF-8, at byte offset {Encoding.UTF8.GetByteCount(before)} (0xFF).", answer.Message);
    }

    [Theory]
    [InlineData("UserRegister", """{"UserInfo":[{"UserId":"a","UserName\ud800":"x"}]}""", @"\ud800", 27)]
    [InlineData("ModifyUserInfo", """{"UserInfo":[{"\uDFFFUserId":"a"}]}""", @"\uDFFF", 14)]
    [InlineData("QueryUserInfos", """{"\udc00\ud800UserIds":["a"]}""", @"\udc00", 1)]
    [InlineData("QueryUserInfos", """{"UserIds":["a"],"\ud83dx":1}""", @"\ud83d", 17)]
    public async Task AnUnpairedSurrogateEscapeInAPropertyNameAnswers660000002(string action, string body, string escape, int offset)
    {
        var answer = await caller.PostAsync(action, body);

        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal($"The body holds a property name with the unpaired surrogate escape {escape}, at byte offset {offset}: names must be valid Unicode.", answer.Message);
    }

    [Fact]
    public async Task AnUnpairedSurrogateEscapeInAValueFailsOnlyThatUserAndNamesTheEscape()
    {
        var (a, b) = (Json.NewId(), Json.NewId());
        var answer = await caller.PostAsync("UserRegister", $$"""{"UserInfo":[{"UserId":"{{a}}","UserName":"x\ud800y"},{"UserId":"\udfff"},{"UserId":"{{b}}"}]}""");

        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal([(a, ZimCode.InvalidParameter), ("", ZimCode.InvalidParameter)], answer.Errors);
        var messages = answer.Json.GetProperty("ErrorList").EnumerateArray().Select(e => e.GetProperty("SubMessage").GetString());
        Assert.Equal([@"UserName holds the unpaired surrogate escape \ud800; a string must be valid Unicode text.",
            @"UserId holds the unpaired surrogate escape \udfff; a string must be valid Unicode text."], messages);
        Assert.True(await IsRegistered(b));
    }

    [Fact]
    public async Task AnUnpairedSurrogateEscapeInAUserIdToQueryAnswers660000002NamingItsPlace()
    {
        var answer = await caller.PostAsync("QueryUserInfos", """{"UserIds":["a","\ud800\ud800"]}""");

        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal(@"UserIds[1] holds the unpaired surrogate escape \ud800; a string must be valid Unicode text.", answer.Message);
    }

    [Fact]
    public async Task EscapedNamesAndEscapedSurrogatePairsAreReadAsText()
    {
        var id = Json.NewId();
        var answer = await caller.PostAsync("UserRegister", $$"""{"\u0055serInfo":[{"UserId":"{{id}}","User\u004eame":"\uD83D\uDE00 \u00e9\\ud800\\"}]}""");

        Assert.Equal(ZimCode.Success, answer.Code);
        Assert.Equal("😀 é\\ud800\\", (await Profile(id)).GetProperty("UserName").GetString());
    }

    /// <summary>Text that is valid Unicode but unusual, which a store's text encoding might refuse.</summary>
    [Fact]
    public async Task NoncharactersAndTextBeyondTheBasicPlaneAreStoredAsSent()
    {
        var id = Json.NewId();
        const string name = "\uFFFE\uFFFF\U0010FFFF\U0001F600\u00A0\u200B";
        const string extra = "\u0001\u001F\u007F\uFDD0\U000E0001";
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Of(new { UserInfo = new[] { new { UserId = id, UserName = name } } }))).Code);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("ModifyUserInfo", Json.Of(new { UserInfo = new[] { new { UserId = id, Extra = extra } } }))).Code);

        var profile = await Profile(id);
        Assert.Equal(name, profile.GetProperty("UserName").GetString());
        Assert.Equal(extra, profile.GetProperty("Extra").GetString());
    }

    public static TheoryData<string, string> NotJson => new()
    {
        { """{"UserInfo":[{"UserId":"a"}]""", "Expected depth to be zero at the end of the JSON payload" },
        { """{"UserInfo":[{"UserId":"a"}]} x""", "'x' is invalid after a single JSON value" },
        { "", "The input does not contain any JSON tokens" },
        { $"{{\"UserInfo\":{new string('[', 64)}{new string(']', 64)}}}", "The maximum configured depth of 64 has been exceeded" },
    };

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task ABodyThatIsNotJsonAnswers660000002SayingWhatTheParserMet(string body, string reason)
    {
        var answer = await caller.PostAsync("UserRegister", body);

        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.StartsWith("The body is not valid JSON: " + reason, answer.Message, StringComparison.Ordinal);
    }

    /// <summary>ASP.NET Core's query collection would read <c>%FF</c> as the valid UserId "%FF", which <c>%25FF</c> names.</summary>
    [Fact]
    public async Task PercentEncodedBytesThatAreNotUtf8InAQueryUserIdAreThatIdsError()
    {
        var answer = await caller.GetAsync("QueryUserOnlineState", "&UserId[]=%FF&UserId[]=%ED%A0%80&UserId[]=a%C3&UserId[]=%00&UserId[]=%25FF&UserId%5B%5D=%C3%A9+");

        Assert.Equal(ZimCode.InvalidParameter, answer.Code);
        Assert.Equal([("", ZimCode.InvalidParameter), ("", ZimCode.InvalidParameter), ("", ZimCode.InvalidParameter),
            ("\0", ZimCode.InvalidParameter), ("%FF", ZimCode.UserNotOnline), ("é ", ZimCode.InvalidParameter)], answer.Errors);
        var messages = answer.Json.GetProperty("ErrorList").EnumerateArray().Take(3).Select(e => e.GetProperty("SubMessage").GetString());
        Assert.Equal(["This UserId[] is not UTF-8 once percent-decoded: its byte 0 is 0xFF.",
            "This UserId[] is not UTF-8 once percent-decoded: its byte 0 is 0xED.",
            "This UserId[] is not UTF-8 once percent-decoded: its byte 1 is 0xC3."], messages);
    }

    private async Task<bool> IsRegistered(string userId) =>
        (await caller.PostAsync("QueryUserInfos", Json.Ids(userId))).Code == ZimCode.Success;

    private async Task<System.Text.Json.JsonElement> Profile(string userId) =>
        Assert.Single((await caller.PostAsync("QueryUserInfos", Json.Ids(userId))).Result);

    private static byte[] Splice(string before, string hex, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. Convert.FromHexString(hex), .. Encoding.UTF8.GetBytes(after)];
}

public sealed class InvalidTextOnSqlite(ZimFactory factory) : InvalidTextTests<ZimFactory>(factory);

public sealed class InvalidTextOnPostgres(PostgresZimFactory factory) : InvalidTextTests<PostgresZimFactory>(factory);
