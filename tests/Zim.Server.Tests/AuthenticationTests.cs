using System.Globalization;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Section 2 of the contract: every check of the common parameters, and their order.</summary>
public abstract class AuthenticationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ZimFactory
{
    private readonly ZimCaller caller = factory.Caller(TestApp.A);
    private const string Body = """{"UserIds":["nobody"]}""";

    private Task<ZimAnswer> Send(List<KeyValuePair<string, string>> parameters) =>
        caller.SendAsync(HttpMethod.Post, ZimCaller.Query(parameters), Body);

    private static List<KeyValuePair<string, string>> Without(List<KeyValuePair<string, string>> parameters, string key) =>
        parameters.Where(p => p.Key != key).ToList();

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> parameters, string key, string value) =>
        parameters.Select(p => p.Key == key ? new KeyValuePair<string, string>(key, value) : p).ToList();

    private long Now => factory.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task ACorrectlySignedCallSucceeds()
    {
        var answer = await Send(caller.Common("QueryUserInfos"));
        Assert.Equal(ZimCode.QueryUserNotFound, answer.Code);
    }

    [Theory]
    [InlineData("Action", null, ZimCode.ActionMissing)]
    [InlineData("Action", "", ZimCode.ActionMissing)]
    [InlineData("Action", "DeleteEverything", ZimCode.ActionUnknown)]
    [InlineData("Action", "userregister", ZimCode.ActionUnknown)]
    [InlineData("AppId", null, ZimCode.AppIdInvalid)]
    [InlineData("AppId", "abc", ZimCode.AppIdInvalid)]
    [InlineData("AppId", "-1", ZimCode.AppIdInvalid)]
    [InlineData("AppId", "4294967296", ZimCode.AppIdInvalid)]
    [InlineData("Timestamp", null, ZimCode.TimestampMissing)]
    [InlineData("Timestamp", "1.5", ZimCode.TimestampInvalid)]
    [InlineData("Timestamp", "soon", ZimCode.TimestampInvalid)]
    [InlineData("Timestamp", "99999999999999999999999", ZimCode.TimestampInvalid)]
    [InlineData("SignatureNonce", null, ZimCode.NonceMissing)]
    [InlineData("SignatureVersion", null, ZimCode.SignatureVersionMissing)]
    [InlineData("SignatureVersion", "1.0", ZimCode.SignatureVersionInvalid)]
    [InlineData("Signature", null, ZimCode.SignatureMissing)]
    [InlineData("AppId", "4294967295", ZimCode.AppNotFound)]
    [InlineData("Signature", "00000000000000000000000000000000", ZimCode.SignatureInvalid)]
    public async Task EachCommonParameterIsChecked(string key, string? value, int expected)
    {
        var parameters = caller.Common("QueryUserInfos");
        parameters = value is null ? Without(parameters, key) : With(parameters, key, value);
        var answer = await Send(parameters);
        Assert.Equal(expected, answer.Code);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData(-600, ZimCode.QueryUserNotFound)]
    [InlineData(600, ZimCode.QueryUserNotFound)]
    [InlineData(-601, ZimCode.TimestampExpired)]
    [InlineData(601, ZimCode.TimestampExpired)]
    [InlineData(-100000, ZimCode.TimestampExpired)]
    public async Task TimestampMayBeSixHundredSecondsAwayEitherWay(int skew, int expected)
    {
        var answer = await Send(caller.Common("QueryUserInfos", Now + skew));
        Assert.Equal(expected, answer.Code);
    }

    [Fact]
    public async Task TheExpiredMessageSaysHowFarOffTheClockIs()
    {
        var answer = await Send(caller.Common("QueryUserInfos", Now - 731));
        Assert.Contains("731 s behind", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpperCaseSignatureIsAccepted()
    {
        var parameters = caller.Common("QueryUserInfos");
        var signature = parameters.Single(p => p.Key == "Signature").Value;
        var answer = await Send(With(parameters, "Signature", signature.ToUpperInvariant()));
        Assert.Equal(ZimCode.QueryUserNotFound, answer.Code);
    }

    [Fact]
    public async Task AReplayedNonceIsRefusedWithItsOwnMessage()
    {
        var parameters = caller.Common("QueryUserInfos");
        Assert.Equal(ZimCode.QueryUserNotFound, (await Send(parameters)).Code);
        var replay = await Send(parameters);
        Assert.Equal(ZimCode.SignatureInvalid, replay.Code);
        Assert.Contains("nonce already used", replay.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ANonceIsPerApp()
    {
        var nonce = ZimSignature.NewNonce();
        var other = factory.Caller(TestApp.B);
        Assert.Equal(ZimCode.QueryUserNotFound, (await Send(caller.Common("QueryUserInfos", nonce: nonce))).Code);
        var answer = await other.SendAsync(HttpMethod.Post, ZimCaller.Query(other.Common("QueryUserInfos", nonce: nonce)), Body);
        Assert.Equal(ZimCode.QueryUserNotFound, answer.Code);
    }

    [Fact]
    public async Task AWronglySignedCallDoesNotUseUpItsNonce()
    {
        var parameters = caller.Common("QueryUserInfos");
        Assert.Equal(ZimCode.SignatureInvalid, (await Send(With(parameters, "Signature", new string('0', 32)))).Code);
        Assert.Equal(ZimCode.QueryUserNotFound, (await Send(parameters)).Code);
    }

    [Fact]
    public async Task ANonceMayBeUsedAgainOnceItsTimestampHasExpired()
    {
        var nonce = ZimSignature.NewNonce();
        Assert.Equal(ZimCode.QueryUserNotFound, (await Send(caller.Common("QueryUserInfos", nonce: nonce))).Code);
        factory.Clock.Advance(TimeSpan.FromSeconds(602));
        Assert.Equal(ZimCode.QueryUserNotFound, (await Send(caller.Common("QueryUserInfos", nonce: nonce))).Code);
    }

    [Fact]
    public async Task AKeyOfAnotherAppDoesNotSignForThisOne()
    {
        var parameters = caller.Common("QueryUserInfos");
        parameters = With(parameters, "AppId", TestApp.B.AppId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(ZimCode.SignatureInvalid, (await Send(parameters)).Code);
    }

    /// <summary>
    /// The checks in the contract's order. Breaking check k together with every later one must
    /// answer check k's code: each check wins over all that follow it.
    /// </summary>
    [Fact]
    public async Task ChecksRunInTheContractsOrder()
    {
        var replayed = caller.Common("QueryUserInfos");
        await Send(replayed);
        var replayedNonce = replayed.Single(p => p.Key == "SignatureNonce").Value;
        var breaks = new (int Code, Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>> Break)[]
        {
            (ZimCode.ActionMissing, p => Without(p, "Action")),
            (ZimCode.ActionUnknown, p => With(p, "Action", "Nope")),
            (ZimCode.AppIdInvalid, p => With(p, "AppId", "x")),
            (ZimCode.TimestampMissing, p => Without(p, "Timestamp")),
            (ZimCode.TimestampInvalid, p => With(p, "Timestamp", "x")),
            (ZimCode.NonceMissing, p => Without(p, "SignatureNonce")),
            (ZimCode.SignatureVersionMissing, p => Without(p, "SignatureVersion")),
            (ZimCode.SignatureVersionInvalid, p => With(p, "SignatureVersion", "3.0")),
            (ZimCode.SignatureMissing, p => Without(p, "Signature")),
            (ZimCode.AppNotFound, p => With(p, "AppId", "7")),
            (ZimCode.TimestampExpired, p => With(p, "Timestamp", (Now - 10_000).ToString(CultureInfo.InvariantCulture))),
            (ZimCode.SignatureInvalid, p => With(p, "Signature", new string('f', 32))),
            (ZimCode.SignatureInvalid, p => With(p, "SignatureNonce", replayedNonce)),
        };
        for (var k = 0; k < breaks.Length; k++)
        {
            // Apply later breaks first so that earlier ones (which may remove a key) still take effect.
            var parameters = replayed;
            for (var j = breaks.Length - 1; j >= k; j--)
            {
                parameters = breaks[j].Break(parameters);
            }
            var answer = await Send(parameters);
            Assert.True(breaks[k].Code == answer.Code, $"breaking checks {k}.. gave {answer.Code}, expected {breaks[k].Code}: {answer.Message}");
        }
    }

    [Theory]
    [InlineData("0", "")]
    [InlineData("", "+")]
    public async Task ACallSignedOverTheTextAsSentIsAccepted(string appIdPrefix, string timestampPrefix)
    {
        var nonce = ZimSignature.NewNonce();
        var appId = appIdPrefix + TestApp.A.AppId.ToString(CultureInfo.InvariantCulture);
        var timestamp = timestampPrefix + Now.ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(
            System.Text.Encoding.UTF8.GetBytes(appId + nonce + TestApp.A.ServerSecret + timestamp)));
        var parameters = With(With(With(With(caller.Common("QueryUserInfos"), "AppId", appId), "Timestamp", timestamp), "SignatureNonce", nonce), "Signature", signature);
        Assert.Equal(ZimCode.QueryUserNotFound, (await Send(parameters)).Code);
    }

    [Fact]
    public async Task ARepeatedParameterCountsByItsFirstValue()
    {
        var parameters = caller.Common("QueryUserInfos");
        parameters.Add(new("AppId", "not a number"));
        Assert.Equal(ZimCode.QueryUserNotFound, (await Send(parameters)).Code);
    }

    [Fact]
    public async Task MessagesNeverRevealTheSecretOrTheExpectedSignature()
    {
        var parameters = caller.Common("QueryUserInfos");
        var expected = parameters.Single(p => p.Key == "Signature").Value;
        var answer = await Send(With(parameters, "Signature", new string('0', 32)));
        Assert.DoesNotContain(expected, answer.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestApp.A.ServerSecret, answer.Raw, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class AuthenticationOnSqlite(ZimFactory factory) : AuthenticationTests<ZimFactory>(factory);

public sealed class AuthenticationOnPostgres(PostgresZimFactory factory) : AuthenticationTests<PostgresZimFactory>(factory);
