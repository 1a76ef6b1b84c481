using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;

namespace Zim.Protocol.Tests;

public sealed class UserRulesTests
{
    private static int? Code(string? userId, string? name = null, string? avatar = null, int nameMax = 64) =>
        UserRules.CheckRegistration(new RegisterUserInfo(userId!, name, avatar), nameMax)?.SubCode;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AMissingOrEmptyUserIdIsAnInvalidParameter(string? userId) =>
        Assert.Equal(ZimCode.InvalidParameter, Code(userId));

    [Fact]
    public void UserIdMayBe32BytesButNot33()
    {
        Assert.Null(Code(new string('a', 32)));
        Assert.Equal(ZimCode.UserIdTooLong, Code(new string('a', 33)));
    }

    [Fact]
    public void UserIdLengthIsCountedInUtf8BytesBeforeTheCharacterSet()
    {
        // 11 three-byte characters are 33 bytes: too long wins over the character set.
        Assert.Equal(ZimCode.UserIdTooLong, Code(new string('中', 11)));
        // 10 are 30 bytes: short enough, so the character set decides.
        Assert.Equal(ZimCode.InvalidParameter, Code(new string('中', 10)));
    }

    [Fact]
    public void EveryListedCharacterIsAllowedInAUserId()
    {
        Assert.Null(Code("azAZ09"));
        foreach (var c in "!#$%&()+-:;<=.>?@[]^_{}|~")
        {
            Assert.Null(Code($"u{c}"));
        }
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("*")]
    [InlineData(",")]
    [InlineData("/")]
    [InlineData("\\")]
    [InlineData("'")]
    [InlineData("\"")]
    [InlineData("`")]
    [InlineData("é")]
    [InlineData("\u0000")]
    [InlineData("\t")]
    public void OtherCharactersAreRefusedInAUserId(string c) =>
        Assert.Equal(ZimCode.InvalidParameter, Code($"u{c}v"));

    [Fact]
    public void EveryPrintableAsciiCharacterOutsideTheListIsRefused()
    {
        for (var c = (char)0x20; c < 0x7F; c++)
        {
            var listed = char.IsAsciiLetterOrDigit(c) || "!#$%&()+-:;<=.>?@[]^_{}|~".Contains(c);
            Assert.Equal(listed, Code($"u{c}") is null);
        }
    }

    [Fact]
    public void UserNameMayBe64BytesButNot65()
    {
        Assert.Null(Code("u", new string('n', 64)));
        Assert.Equal(ZimCode.UserNameTooLong, Code("u", new string('n', 65)));
        Assert.Null(Code("u", new string('中', 21) + "a"));
        Assert.Equal(ZimCode.UserNameTooLong, Code("u", new string('中', 22)));
    }

    [Fact]
    public void AServerMayRaiseTheUserNameLimit()
    {
        Assert.Null(Code("u", new string('n', 256), nameMax: 256));
        Assert.Equal(ZimCode.UserNameTooLong, Code("u", new string('n', 257), nameMax: 256));
    }

    [Fact]
    public void UserAvatarMayBe500BytesButNot501()
    {
        Assert.Null(Code("u", avatar: new string('é', 250)));
        Assert.Equal(ZimCode.UserAvatarTooLong, Code("u", avatar: new string('é', 250) + "a"));
    }

    [Fact]
    public void ExtraMayBe2048BytesButNot2049()
    {
        Assert.Null(UserRules.CheckChange(new UserInfoChange("u", Extra: new string('x', 2048))));
        Assert.Equal(ZimCode.InvalidParameter, UserRules.CheckChange(new UserInfoChange("u", Extra: new string('x', 2049)))?.SubCode);
        Assert.Null(UserRules.CheckChange(new UserInfoChange("u", Extra: "{\n\"a\": 1\n}")));
        Assert.Equal(ZimCode.InvalidParameter, UserRules.CheckChange(new UserInfoChange("u", Extra: "a\0b"))?.SubCode);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u001f")]
    [InlineData("\u007f")]
    [InlineData("\t")]
    [InlineData("\n")]
    public void ControlCharactersAreRefusedInNameAndAvatar(string control)
    {
        Assert.Equal(ZimCode.InvalidParameter, Code("u", $"a{control}b"));
        Assert.Equal(ZimCode.InvalidParameter, Code("u", avatar: $"a{control}b"));
    }

    [Theory]
    [InlineData("Zoë Ångström")]
    [InlineData("王小明 😀")]
    [InlineData("\u0080\u009f")]
    [InlineData("")]
    public void AnyOtherTextIsAllowedInAName(string name) => Assert.Null(Code("u", name));

    [Fact]
    public void LengthsAreCheckedBeforeControlCharacters()
    {
        Assert.Equal(ZimCode.UserNameTooLong, Code("u", "\u0001" + new string('n', 64)));
        Assert.Equal(ZimCode.UserAvatarTooLong, Code("u", "\u0001", new string('a', 501)));
    }

    [Fact]
    public void TheUserIdIsCheckedBeforeTheProfile() =>
        Assert.Equal(ZimCode.UserIdTooLong, Code(new string('a', 33), new string('n', 65)));
}
