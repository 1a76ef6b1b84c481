using System.Security.Cryptography;
using System.Text;
using Zim.Protocol.Tokens;

namespace Zim.Protocol.Tests;

/// <summary>Every check of the verifier, in both layouts, and our own generator against it.</summary>
public sealed class Token04Tests
{
    private const uint App = 1234567;
    private const string Secret = "fa94dd0f974cf2e293728a526b028271";
    private const string Previous = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly long T = Now.ToUnixTimeSeconds();

    public static TheoryData<Token04Layout> Layouts => [Token04Layout.AesGcm, Token04Layout.AesCbc];

    [Fact]
    public void OurGeneratorsTokenIsValidAndCarriesItsClaims()
    {
        var clock = new FixedClock(Now);
        var token = Token04.Generate(App, Secret, "ann", TimeSpan.FromHours(2), "{\"room\":1}", clock);

        var check = Token04.Verify(token, App, "ann", [Secret], Now.AddMinutes(1));

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(new Token04Claims(App, "ann", T, T + 7200, "{\"room\":1}", Token04Layout.AesGcm), check.Claims);
        Assert.Null(check.Reason);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void AWellMadeTokenOfEitherLayoutIsValidUntilItsExpiry(Token04Layout layout)
    {
        var token = Forge(layout, Secret, Json(created: T - 10, expire: T + 60), headerExpire: T + 60);

        Assert.True(Token04.Verify(token, App, "ann", [Secret], Now.AddSeconds(59)).IsValid);
        var expired = Token04.Verify(token, App, "ann", [Secret], Now.AddSeconds(60));
        Assert.Equal(("expired", Token04Failure.Expired), (expired.Reason, expired.Failure));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void DuringARotationThePreviousSecretIsAcceptedAndSaidSo(Token04Layout layout)
    {
        var token = Forge(layout, Previous, Json(), headerExpire: T + 60);

        var both = Token04.Verify(token, App, "ann", [Secret, Previous], Now);
        var currentOnly = Token04.Verify(token, App, "ann", [Secret], Now);

        Assert.True(both.IsValid, both.Problem);
        Assert.True(both.UsedPreviousSecret);
        Assert.Equal("wrong_secret", currentOnly.Reason);
        Assert.DoesNotContain(Secret, currentOnly.Problem!, StringComparison.Ordinal);
        Assert.False(Token04.Verify(Forge(layout, Secret, Json(), T + 60), App, "ann", [Secret, Previous], Now).UsedPreviousSecret);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void EachCheckHasItsOwnReasonInTheContractsOrder(Token04Layout layout)
    {
        Assert.Equal("wrong_app", Check(layout, Json(app: App + 1, user: "bob", expire: T - 5)).Reason);
        Assert.Equal("wrong_user", Check(layout, Json(user: "bob", expire: T - 5)).Reason);
        Assert.Equal("malformed", Check(layout, Json(expire: T + 61), headerExpire: T + 60).Reason);
        Assert.Equal("expired", Check(layout, Json(created: T - 100, expire: T)).Reason);
        Assert.Equal("too_long", Check(layout, Json(created: T - 1, expire: T - 1 + Token04.MaxLifetimeSeconds + 1)).Reason);
        Assert.True(Check(layout, Json(created: T - 1, expire: T - 1 + Token04.MaxLifetimeSeconds)).IsValid);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void APlaintextThatIsNotTheVendorsJsonIsMalformed(Token04Layout layout)
    {
        // What a wrong key gives a CBC token is not JSON either, so there it reads as a wrong secret.
        Assert.Equal(layout == Token04Layout.AesGcm ? "malformed" : "wrong_secret", Check(layout, "not json", T + 60).Reason);
        Assert.Equal("malformed", Check(layout, "[1,2]", T + 60).Reason);
        Assert.Equal("malformed", Check(layout, "{\"app_id\":1234567,\"ctime\":1,\"expire\":1800000060}", T + 60).Reason);
        Assert.Equal("malformed", Check(layout, "{\"app_id\":\"1234567\",\"user_id\":\"ann\",\"ctime\":1,\"expire\":1800000060}", T + 60).Reason);
    }

    [Fact]
    public void ACbcTokenOfAnotherSecretIsAlwaysAWrongSecretEvenWhenItsPaddingHappensToFit()
    {
        // About 1 in 256 decrypt with valid padding under a wrong key; 2,000 tokens meet several such.
        var reasons = Enumerable.Range(0, 2000)
            .Select(_ => Token04.Verify(Forge(Token04Layout.AesCbc, Previous, Json(), T + 60), App, "ann", [Secret], Now).Reason)
            .Distinct().ToList();

        Assert.Equal(["wrong_secret"], reasons);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("03AAAA")]
    [InlineData("04not base64!")]
    [InlineData("04AAAA")]
    public void TextThatIsNoTokenIsMalformedWithASentence(string? token)
    {
        var check = Token04.Verify(token, App, "ann", [Secret], Now);

        Assert.Equal(Token04Failure.Malformed, check.Failure);
        Assert.False(string.IsNullOrWhiteSpace(check.Problem));
    }

    [Fact]
    public void TheLayoutIsToldByWhatFollowsTheCiphertext()
    {
        var gcm = Token04Frame.TryRead(Forge(Token04Layout.AesGcm, Secret, Json(), T + 60), out _)!;
        var cbc = Token04Frame.TryRead(Forge(Token04Layout.AesCbc, Secret, Json(), T + 60), out _)!;

        Assert.Equal("malformed", Token04.Verify(Raw(gcm, tail: [0]), App, "ann", [Secret], Now).Reason);
        Assert.Equal("malformed", Token04.Verify(Raw(gcm, tail: []), App, "ann", [Secret], Now).Reason);
        Assert.Equal("malformed", Token04.Verify(Raw(cbc, tail: [1]), App, "ann", [Secret], Now).Reason);
        Assert.Equal("malformed", Token04.Verify(Raw(cbc, tail: [1, 1]), App, "ann", [Secret], Now).Reason);
        Assert.True(Token04.Verify(Raw(cbc, tail: []), App, "ann", [Secret], Now).IsValid);
    }

    private static Token04Check Check(Token04Layout layout, string json, long? headerExpire = null)
    {
        var expire = headerExpire ?? System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("expire").GetInt64();
        return Token04.Verify(Forge(layout, Secret, json, expire), App, "ann", [Secret], Now);
    }

    private static string Json(long app = App, string user = "ann", long? created = null, long? expire = null) =>
        $"{{\"user_id\":\"{user}\",\"app_id\":{app},\"nonce\":-5,\"ctime\":{created ?? T - 10},\"expire\":{expire ?? T + 60},\"payload\":\"\"}}";

    /// <summary>A token of either layout around any plaintext, as a generator of that layout would make it.</summary>
    private static string Forge(Token04Layout layout, string secret, string plaintext, long headerExpire)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(plaintext);
        if (layout == Token04Layout.AesCbc)
        {
            using var cbc = Aes.Create();
            cbc.Key = key;
            var iv = RandomNumberGenerator.GetBytes(Token04Frame.CbcIvBytes);
            return new Token04Frame(headerExpire, iv, cbc.EncryptCbc(data, iv, PaddingMode.PKCS7), layout).ToString();
        }
        var nonce = RandomNumberGenerator.GetBytes(Token04Frame.GcmNonceBytes);
        var sealedText = new byte[data.Length + Token04Frame.GcmTagBytes];
        using var gcm = new AesGcm(key, Token04Frame.GcmTagBytes);
        gcm.Encrypt(nonce, data, sealedText.AsSpan(0, data.Length), sealedText.AsSpan(data.Length));
        return new Token04Frame(headerExpire, nonce, sealedText, layout).ToString();
    }

    /// <summary>The frame's bytes with another ending after the ciphertext.</summary>
    private static string Raw(Token04Frame frame, byte[] tail)
    {
        var bytes = Convert.FromBase64String(new Token04Frame(frame.Expire, frame.Iv, frame.Ciphertext, Token04Layout.AesCbc).ToString()[2..]);
        return "04" + Convert.ToBase64String([.. bytes, .. tail]);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
