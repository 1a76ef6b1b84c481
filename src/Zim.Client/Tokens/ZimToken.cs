using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Zim.Client.Tokens;

/// <summary>
/// ZIM login tokens, version 04 with AES-GCM, as the vendor's published server assistant makes them:
/// <c>"04" + base64(expire int64 BE · uint16 BE nonce length · nonce · uint16 BE length · ciphertext+tag · mode 1)</c>,
/// where the plaintext is the JSON <c>{"app_id","user_id","ctime","expire","nonce","payload"}</c> and the key is
/// the 32-byte server secret itself.
/// </summary>
public static class ZimToken
{
    /// <summary>The version prefix of the token.</summary>
    public const string Version04 = "04";

    /// <summary>The mode byte that closes a token: AES/GCM (0, AES/CBC, is deprecated by the vendor).</summary>
    public const byte AesGcmMode = 1;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>
    /// Makes a Token04 for <paramref name="userId"/> valid for <paramref name="lifetime"/> from now.
    /// <paramref name="payload"/> is the vendor's optional extension (empty for a plain login token).
    /// </summary>
    public static string Generate04(uint appId, string serverSecret, string userId, TimeSpan lifetime, string payload = "", TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(appId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(serverSecret);
        ArgumentNullException.ThrowIfNull(payload);
        var key = Encoding.UTF8.GetBytes(serverSecret);
        if (key.Length != 32)
        {
            throw new ArgumentException("The server secret must be 32 bytes.", nameof(serverSecret));
        }
        var seconds = (long)lifetime.TotalSeconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1, nameof(lifetime));

        var created = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var expire = created + seconds;
        var plaintext = Plaintext(appId, userId, created, expire, RandomNumberGenerator.GetInt32(int.MaxValue), payload);

        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var sealedText = new byte[plaintext.Length + TagBytes];
        using (var aes = new AesGcm(key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedText.AsSpan(0, plaintext.Length), sealedText.AsSpan(plaintext.Length));
        }

        var packed = new byte[8 + 2 + nonce.Length + 2 + sealedText.Length + 1];
        var span = packed.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span, expire);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)nonce.Length);
        nonce.CopyTo(span[10..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(10 + nonce.Length)..], checked((ushort)sealedText.Length));
        sealedText.CopyTo(span[(12 + nonce.Length)..]);
        span[^1] = AesGcmMode;
        return Version04 + Convert.ToBase64String(packed);
    }

    /// <summary>The plaintext, with the fields in the order the vendor's Go assistant writes them.</summary>
    private static byte[] Plaintext(uint appId, string userId, long created, long expire, int nonce, string payload)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("app_id", appId);
            json.WriteString("user_id", userId);
            json.WriteNumber("ctime", created);
            json.WriteNumber("expire", expire);
            json.WriteNumber("nonce", nonce);
            json.WriteString("payload", payload);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
