using Zim.Protocol;

namespace Zim.Protocol.Tests;

public sealed class SignatureTests
{
    private const uint AppId = 12345;
    private const string Nonce = "4fd24687296dd9f3";
    private const string Secret = "9193cc662a4c0ec135ec71fb57194b38";
    private const long Timestamp = 1615186943;
    private const string Known = "43e5cfcca828314675f91b001390566a";

    [Fact]
    public void ComputeGivesTheVendorsKnownAnswer() =>
        Assert.Equal(Known, ZimSignature.Compute(AppId, Nonce, Secret, Timestamp));

    [Fact]
    public void VerifyAcceptsTheKnownAnswerInEitherHexCase()
    {
        Assert.True(ZimSignature.Verify(AppId, Nonce, Secret, Timestamp, Known));
        Assert.True(ZimSignature.Verify(AppId, Nonce, Secret, Timestamp, Known.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("43e5cfcca828314675f91b001390566b")]
    [InlineData("43e5cfcca828314675f91b001390566")]
    [InlineData("43e5cfcca828314675f91b001390566aa")]
    [InlineData("")]
    [InlineData("g3e5cfcca828314675f91b001390566a")]
    [InlineData("43e5cfcca828314675f91b00139\u0130566a")]
    [InlineData("43e5cfcca828314675f91b001390566\u0161")]
    public void VerifyRefusesAnythingElse(string given) =>
        Assert.False(ZimSignature.Verify(AppId, Nonce, Secret, Timestamp, given));

    [Fact]
    public void EachSignedValueChangesTheSignature()
    {
        Assert.False(ZimSignature.Verify(AppId + 1, Nonce, Secret, Timestamp, Known));
        Assert.False(ZimSignature.Verify(AppId, Nonce + "0", Secret, Timestamp, Known));
        Assert.False(ZimSignature.Verify(AppId, Nonce, Secret.ToUpperInvariant(), Timestamp, Known));
        Assert.False(ZimSignature.Verify(AppId, Nonce, Secret, Timestamp + 1, Known));
    }

    [Fact]
    public void QueryStringCarriesTheCommonParametersAndTheirSignature()
    {
        var query = ZimSignature.QueryString("UserRegister", AppId, Secret, Timestamp, Nonce);
        Assert.Equal(
            $"Action=UserRegister&AppId=12345&SignatureNonce={Nonce}&Timestamp={Timestamp}&Signature={Known}&SignatureVersion=2.0",
            query);
    }

    [Fact]
    public void NewNonceIsSixteenHexCharactersAndFresh()
    {
        var nonces = Enumerable.Range(0, 1000).Select(_ => ZimSignature.NewNonce()).ToList();
        Assert.All(nonces, n => Assert.Matches("^[0-9a-f]{16}$", n));
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }
}
