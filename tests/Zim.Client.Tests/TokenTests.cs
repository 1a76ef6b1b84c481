using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Zim.Client.Tokens;
using Zim.Testing;

namespace Zim.Client.Tests;

/// <summary>Token04 (AES-GCM) in the vendor's layout, opened here independently of the code that made it.</summary>
public sealed class TokenTests
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(1_764_000_000));

    [Fact]
    public void ATokenDecryptsBackToTheExpectedPayload()
    {
        var token = ZimToken.Generate04(TestApp.A.AppId, TestApp.A.ServerSecret, "ann-01", TimeSpan.FromHours(2), clock: Clock);

        Assert.StartsWith("04", token, StringComparison.Ordinal);
        var packed = Convert.FromBase64String(token[2..]).AsSpan();
        var expire = BinaryPrimitives.ReadInt64BigEndian(packed);
        var nonceLength = BinaryPrimitives.ReadUInt16BigEndian(packed[8..]);
        var nonce = packed.Slice(10, nonceLength);
        var sealedLength = BinaryPrimitives.ReadUInt16BigEndian(packed[(10 + nonceLength)..]);
        var sealedText = packed.Slice(12 + nonceLength, sealedLength);
        Assert.Equal(12, nonceLength);
        Assert.Equal(12 + nonceLength + sealedLength + 1, packed.Length);
        Assert.Equal(1, packed[^1]);

        var plaintext = new byte[sealedLength - 16];
        using (var aes = new AesGcm(Encoding.UTF8.GetBytes(TestApp.A.ServerSecret), 16))
        {
            aes.Decrypt(nonce, sealedText[..^16], sealedText[^16..], plaintext);
        }
        using var json = JsonDocument.Parse(plaintext);
        var root = json.RootElement;
        Assert.Equal(["app_id", "user_id", "ctime", "expire", "nonce", "payload"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(TestApp.A.AppId, root.GetProperty("app_id").GetUInt32());
        Assert.Equal("ann-01", root.GetProperty("user_id").GetString());
        Assert.Equal(1_764_000_000, root.GetProperty("ctime").GetInt64());
        Assert.Equal(1_764_000_000 + 7200, root.GetProperty("expire").GetInt64());
        Assert.Equal(expire, root.GetProperty("expire").GetInt64());
        Assert.InRange(root.GetProperty("nonce").GetInt64(), 0, int.MaxValue);
        Assert.Equal("", root.GetProperty("payload").GetString());
    }

    [Fact]
    public void TwoTokensForTheSameUserDiffer()
    {
        var first = ZimToken.Generate04(1, TestApp.A.ServerSecret, "u", TimeSpan.FromMinutes(1), clock: Clock);
        var second = ZimToken.Generate04(1, TestApp.A.ServerSecret, "u", TimeSpan.FromMinutes(1), clock: Clock);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ASecretOfTheWrongLengthOrAnEmptyUserIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ZimToken.Generate04(1, "short", "u", TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => ZimToken.Generate04(1, TestApp.A.ServerSecret, "", TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZimToken.Generate04(1, TestApp.A.ServerSecret, "u", TimeSpan.Zero));
    }
}
