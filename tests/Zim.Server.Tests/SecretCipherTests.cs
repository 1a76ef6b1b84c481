using System.Security.Cryptography;
using Zim.Server.Secrets;

namespace Zim.Server.Tests;

/// <summary>How a secret is sealed for the database: bound to its app and its key, never the same text twice.</summary>
public sealed class SecretCipherTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] OtherKey = RandomNumberGenerator.GetBytes(32);

    private static SecretCipher Cipher(byte[] key, byte[]? previous = null) => new(new SecretKeyring(key, previous));

    [Fact]
    public void ASealedSecretOpensForItsOwnAppButNotWhenCopiedToAnotherAppsRow()
    {
        var cipher = Cipher(Key);
        var sealedForA = cipher.Seal(1000000001, Secret);

        Assert.StartsWith("v1:", sealedForA, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, sealedForA, StringComparison.Ordinal);
        Assert.Equal(Secret, cipher.Open(1000000001, sealedForA));
        Assert.Throws<StartupRefusal>(() => cipher.Open(1000000002, sealedForA));
    }

    [Fact]
    public void AnotherKeyCannotOpenItAndTheRefusalNamesTheSettingButNeitherKeyNorSecret()
    {
        var sealedText = Cipher(Key).Seal(7, Secret);

        var refusal = Assert.Throws<StartupRefusal>(() => Cipher(OtherKey).Open(7, sealedText));
        Assert.Contains("Secrets__Key", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Key), refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(OtherKey), refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSecretSealedTwiceGivesDifferentText()
    {
        var cipher = Cipher(Key);
        Assert.NotEqual(cipher.Seal(7, Secret), cipher.Seal(7, Secret));
    }

    [Fact]
    public void WhileTheKeyChangesThePreviousKeyStillOpensWhatItSealedButDoesNotCountAsCurrent()
    {
        var sealedBefore = Cipher(OtherKey).Seal(7, Secret);
        var changing = Cipher(Key, previous: OtherKey);

        Assert.Equal(Secret, changing.Open(7, sealedBefore));
        Assert.False(changing.IsSealedWithCurrentKey(7, sealedBefore));
        Assert.True(changing.IsSealedWithCurrentKey(7, changing.Seal(7, Secret)));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("v1:56789abcdef0123456789abcdef01")]
    public void ASecretStoredInClearTextBeforeSealingIsReadAsItIs(string clear)
    {
        Assert.False(SecretCipher.IsSealed(clear));
        Assert.Equal(clear, Cipher(Key).Open(7, clear));
    }
}
