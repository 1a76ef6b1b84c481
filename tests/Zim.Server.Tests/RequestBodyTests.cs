using System.Text;
using System.Text.Json;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>With <c>RequestLog:Bodies</c> on, each logged call keeps its body, cut at <c>RequestLog:MaxBodyBytes</c> on a character boundary.</summary>
public sealed class RequestBodyTests(RequestBodyTests.BodiesFactory factory) : IClassFixture<RequestBodyTests.BodiesFactory>
{
    public const int MaxBodyBytes = 41;

    /// <summary>A server that keeps bodies, up to a bound that is quick to pass.</summary>
    public sealed class BodiesFactory : ZimFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("RequestLog:Bodies", "true"), new("RequestLog:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private readonly AdminCaller admin = factory.Admin();

    private async Task<JsonElement> LastAsync(TestApp app) => (await admin.GetAsync(AdminCaller.Apps(app, "/requests?limit=1"))).Json[0];

    [Fact]
    public async Task ABodyWithinTheBoundIsKeptWhole()
    {
        var app = await admin.CreateAppAsync();
        var body = Json.Ids("ann", "bob");

        await factory.Caller(app).PostAsync("QueryUserInfos", body);
        var logged = await LastAsync(app);

        Assert.Equal(body, logged.GetProperty("Body").GetString());
        Assert.False(logged.GetProperty("BodyTruncated").GetBoolean());
    }

    [Fact]
    public async Task ALongerBodyIsCutAtTheBoundWithoutSplittingACharacter()
    {
        var app = await admin.CreateAppAsync();
        // 13 bytes, then three-byte characters: the bound falls inside the 10th of them.
        const string head = "{\"UserIds\":[\"";
        var body = head + string.Concat(Enumerable.Repeat("名", 20)) + "\"]}";
        Assert.NotEqual(0, (MaxBodyBytes - head.Length) % 3);

        await factory.Caller(app).PostAsync("QueryUserInfos", body);
        var logged = await LastAsync(app);
        var kept = logged.GetProperty("Body").GetString()!;

        Assert.True(logged.GetProperty("BodyTruncated").GetBoolean());
        Assert.StartsWith(kept, body, StringComparison.Ordinal);
        Assert.Equal(head.Length + (MaxBodyBytes - head.Length) / 3 * 3, Encoding.UTF8.GetByteCount(kept));
        Assert.DoesNotContain('\uFFFD', kept);
    }

    [Fact]
    public async Task BytesThatAreNotUtf8AreKeptAsReplacementCharacters()
    {
        var app = await admin.CreateAppAsync();

        await factory.Caller(app).PostBytesAsync("QueryUserInfos", [(byte)'{', 0xFF, (byte)'}']);
        var logged = await LastAsync(app);

        Assert.Equal("{\uFFFD}", logged.GetProperty("Body").GetString());
    }

    [Fact]
    public async Task TheBodyOfACallRefusedBeforeItRanIsKeptToo()
    {
        var app = await admin.CreateAppAsync();
        await admin.PostAsync(AdminCaller.Apps(app, "/faults/next"), Json.Of(new { Count = 1, Code = ZimCode.InternalError }));
        var injectedBody = Json.Users("injected");
        var wrongBody = Json.Users("wrong-secret");

        await factory.Caller(app).PostAsync("UserRegister", injectedBody);
        var injected = await LastAsync(app);
        await factory.Caller(app with { ServerSecret = new string('9', 32) }).PostAsync("UserRegister", wrongBody);
        var refused = await LastAsync(app);

        Assert.Equal(ZimCode.InternalError, injected.GetProperty("Code").GetInt32());
        Assert.Equal(injectedBody, injected.GetProperty("Body").GetString());
        Assert.Equal(ZimCode.SignatureInvalid, refused.GetProperty("Code").GetInt32());
        Assert.Equal(wrongBody, refused.GetProperty("Body").GetString());
    }

    [Fact]
    public async Task ACallWithoutABodyHasNoneAndTheQueryIsNeverKept()
    {
        var app = await admin.CreateAppAsync();

        await factory.Caller(app).GetAsync("QueryUserOnlineState", "&UserId[]=ann");
        var raw = (await admin.GetAsync(AdminCaller.Apps(app, "/requests"))).Raw;
        var logged = await LastAsync(app);

        Assert.Equal(JsonValueKind.Null, logged.GetProperty("Body").ValueKind);
        Assert.DoesNotContain("Signature", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("UserId[]", raw, StringComparison.Ordinal);
    }
}
