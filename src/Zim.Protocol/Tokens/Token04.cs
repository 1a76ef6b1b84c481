using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Zim.Protocol.Tokens;

/// <summary>
/// ZIM login tokens, version 04, as the vendor's published server assistants make them: the plaintext JSON
/// <c>{"app_id","user_id","ctime","expire","nonce","payload"}</c> encrypted with the 32 bytes of the app's
/// ServerSecret, in the layout of <see cref="Token04Frame"/>. <see cref="Generate"/> makes GCM tokens;
/// <see cref="Verify"/> accepts GCM and the older CBC.
/// </summary>
public static class Token04
{
    /// <summary>The longest lifetime (<c>expire - ctime</c>) the vendor allows: 24 days.</summary>
    public const long MaxLifetimeSeconds = 24L * 24 * 60 * 60;

    /// <summary>Makes a GCM Token04 for <paramref name="userId"/>, valid for <paramref name="lifetime"/> from the clock's now.</summary>
    /// <exception cref="ArgumentException">The secret is not 32 bytes, the user is empty, or the lifetime is under a second.</exception>
    public static string Generate(uint appId, string serverSecret, string userId, TimeSpan lifetime, string payload, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfZero(appId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(clock);
        var key = Key(serverSecret) ?? throw new ArgumentException("The server secret must be 32 bytes.", nameof(serverSecret));
        var seconds = (long)lifetime.TotalSeconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1, nameof(lifetime));

        var created = clock.GetUtcNow().ToUnixTimeSeconds();
        var expire = created + seconds;
        var plaintext = Plaintext(appId, userId, created, expire, RandomNumberGenerator.GetInt32(int.MaxValue), payload);
        var nonce = RandomNumberGenerator.GetBytes(Token04Frame.GcmNonceBytes);
        var sealedText = new byte[plaintext.Length + Token04Frame.GcmTagBytes];
        using (var aes = new AesGcm(key, Token04Frame.GcmTagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedText.AsSpan(0, plaintext.Length), sealedText.AsSpan(plaintext.Length));
        }
        return new Token04Frame(expire, nonce, sealedText, Token04Layout.AesGcm).ToString();
    }

    /// <summary>
    /// Checks a token for a login of <paramref name="userId"/> in <paramref name="appId"/> at <paramref name="now"/>,
    /// in the contract's order: the layout, decryption with one of <paramref name="serverSecrets"/> (the current one
    /// first, then the previous one of a rotation), the JSON, the app, the user, the two expiries agreeing, the
    /// expiry, and the lifetime.
    /// </summary>
    public static Token04Check Verify(string? token, uint appId, string userId, IReadOnlyList<string> serverSecrets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(serverSecrets);
        if (Token04Frame.TryRead(token, out var problem) is not { } frame)
        {
            return Fail(null, Token04Failure.Malformed, problem!);
        }
        Token04Claims? claims = null;
        var previous = false;
        var decrypted = false;
        for (var i = 0; i < serverSecrets.Count && claims is null; i++)
        {
            // A CBC token decrypts with a wrong key now and then (about 1 in 256 paddings look right), and what
            // comes out is not JSON: that is a wrong key, and the next secret is tried. A GCM tag verifies only
            // with the right key, so whatever it sealed that is not the vendor's JSON is malformed.
            if (Key(serverSecrets[i]) is { } key && Decrypt(frame, key) is { } plaintext)
            {
                var parsed = Parse(plaintext, frame.Layout, out var isJson, out var parseProblem);
                if (isJson || frame.Layout == Token04Layout.AesGcm)
                {
                    decrypted = true;
                    claims = parsed;
                    problem = parseProblem;
                    previous = i > 0;
                }
            }
        }
        if (claims is null && decrypted)
        {
            return Fail(null, Token04Failure.Malformed, problem!);
        }
        if (claims is null)
        {
            return Fail(null, Token04Failure.WrongSecret, serverSecrets.Count > 1
                ? "The token does not decrypt with the app's ServerSecret, nor with the previous one: it was made with another secret."
                : "The token does not decrypt with the app's ServerSecret: it was made with another secret.");
        }
        return claims.AppId != appId
            ? Fail(claims, Token04Failure.WrongApp, $"The token was made for app {claims.AppId}, not {appId}.")
            : claims.UserId != userId
                ? Fail(claims, Token04Failure.WrongUser, $"The token was made for another user ('{claims.UserId}'), not '{userId}'.")
                : claims.Expire != frame.Expire
                    ? Fail(claims, Token04Failure.Malformed, $"The token's header says it expires at {frame.Expire}, its plaintext at {claims.Expire}.")
                    : now.ToUnixTimeSeconds() >= claims.Expire
                        ? Fail(claims, Token04Failure.Expired, $"The token expired at {DateTimeOffset.FromUnixTimeSeconds(claims.Expire):u} ({now.ToUnixTimeSeconds() - claims.Expire} s ago).")
                        : claims.Expire - claims.Created > MaxLifetimeSeconds
                            ? Fail(claims, Token04Failure.TooLong, $"The token was made to last {claims.Expire - claims.Created} s; at most {MaxLifetimeSeconds} s (24 days) is allowed.")
                            : new Token04Check(claims, null, null, previous);
    }

    private static Token04Check Fail(Token04Claims? claims, Token04Failure failure, string problem) => new(claims, failure, problem);

    private static byte[]? Key(string? serverSecret) =>
        serverSecret is not null && Encoding.UTF8.GetByteCount(serverSecret) == 32 ? Encoding.UTF8.GetBytes(serverSecret) : null;

    private static byte[]? Decrypt(Token04Frame frame, byte[] key)
    {
        try
        {
            if (frame.Layout == Token04Layout.AesCbc)
            {
                using var cbc = Aes.Create();
                cbc.Key = key;
                return cbc.DecryptCbc(frame.Ciphertext, frame.Iv, PaddingMode.PKCS7);
            }
            var length = frame.Ciphertext.Length - Token04Frame.GcmTagBytes;
            var plaintext = new byte[length];
            using var gcm = new AesGcm(key, Token04Frame.GcmTagBytes);
            gcm.Decrypt(frame.Iv, frame.Ciphertext.AsSpan(0, length), frame.Ciphertext.AsSpan(length), plaintext);
            return plaintext;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // Fields, not bytes: the vendor's generators order and escape the JSON differently.
    private static Token04Claims? Parse(byte[] plaintext, Token04Layout layout, out bool isJson, out string? problem)
    {
        problem = "The token's plaintext is not the JSON object of app_id, user_id, ctime and expire.";
        isJson = false;
        try
        {
            using var json = JsonDocument.Parse(plaintext);
            isJson = true;
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !Number(root, "app_id", out var app) || !Number(root, "ctime", out var created) || !Number(root, "expire", out var expire)
                || !root.TryGetProperty("user_id", out var user) || user.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
            problem = null;
            return new Token04Claims(app, user.GetString()!, created, expire, payload, layout);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Number(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    /// <summary>The plaintext, with the fields in the order the vendor's Go assistant writes them.</summary>
    private static byte[] Plaintext(uint appId, string userId, long created, long expire, int nonce, string payload)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
