using System.Text.Json;
using Zim.Protocol.Callbacks;
using Zim.Protocol.Wire;

namespace Zim.Protocol.Tests;

public sealed class CallbackSignatureTests
{
    [Fact]
    public void TheVendorsKnownAnswerIsMatched() =>
        Assert.Equal("5bd59fd62953a8059fb7eaba95720f66d19e4517", CallbackSignature.Compute("secret", 1470820198, "123412"));

    [Fact]
    public void ThePartsAreSortedAsStringsNotAsNumbers() =>
        // Numerically 350176 < 1679553625; as strings "1679553625" < "350176".
        Assert.Equal("89c350b2594fc21780246e081d834f9f73e8f16a", CallbackSignature.Compute("secret", 1679553625, "350176"));

    [Fact]
    public void VerifyAcceptsEitherHexCaseAndRefusesAnyOtherValue()
    {
        Assert.True(CallbackSignature.Verify("secret", 1470820198, "123412", "5BD59FD62953A8059FB7EABA95720F66D19E4517"));
        Assert.False(CallbackSignature.Verify("secret", 1470820198, "123413", "5bd59fd62953a8059fb7eaba95720f66d19e4517"));
        Assert.False(CallbackSignature.Verify("secret", 1470820198, "123412", null));
        Assert.False(CallbackSignature.Verify("secret", 1470820198, "123412", "5bd59fd6"));
    }

    [Fact]
    public void TheBodyHasTheVendorsNamesAndOnlyTheFieldsOfItsAction()
    {
        var login = new UserActionCallback("1234567890", UserActionCallback.UserActionEvent, 1470820198, "123412",
            CallbackSignature.Compute("secret", 1470820198, "123412"), "ann", "Ann", "WEB", UserAction.Online, "s1", 1470820190, "0");
        var logout = login with { Action = UserAction.Logout, LogoutTime = 1470820300, LogoutReason = "logout" };

        var loginJson = JsonSerializer.Serialize(login, ZimJson.Context.UserActionCallback);
        var logoutJson = JsonSerializer.Serialize(logout, ZimJson.Context.UserActionCallback);

        Assert.Equal("""{"appid":"1234567890","event":"user_action","timestamp":1470820198,"nonce":"123412","signature":"5bd59fd62953a8059fb7eaba95720f66d19e4517","user_id":"ann","user_name":"Ann","os":"WEB","action":0,"session_id":"s1","login_time":1470820190,"relogin":"0"}""", loginJson);
        Assert.Contains("\"logout_time\":1470820300,\"logout_reason\":\"logout\"", logoutJson, StringComparison.Ordinal);
        Assert.DoesNotContain("offline_time", logoutJson, StringComparison.Ordinal);
        Assert.True(JsonSerializer.Deserialize(logoutJson, ZimJson.Context.UserActionCallback)!.IsSignedWith("secret"));
    }
}
