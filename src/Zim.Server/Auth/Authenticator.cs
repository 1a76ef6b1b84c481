using System.Globalization;
using Zim.Protocol;
using Zim.Server.Apps;

namespace Zim.Server.Auth;

/// <summary>The contract's section 2: the common parameters, checked in its order; the first failure decides.</summary>
internal sealed class Authenticator(AppRegistry apps, INonceStore nonces, TimeProvider clock)
{
    public async ValueTask<AuthResult> AuthenticateAsync(IQueryCollection query)
    {
        var actionName = First(query, "Action");
        if (actionName is null)
        {
            return new(null, null, ZimCode.ActionMissing, "Action is missing: add Action=UserRegister (or another action) to the query string.");
        }
        var action = ZimAction.Find(actionName);
        if (action is null)
        {
            return new(null, null, ZimCode.ActionUnknown,
                $"Action '{Clip(actionName)}' is not implemented; this server implements {string.Join(", ", ZimAction.All.Select(a => a.Name))}.");
        }
        if (!uint.TryParse(First(query, "AppId"), NumberStyles.None, CultureInfo.InvariantCulture, out var appId))
        {
            return new(action, null, ZimCode.AppIdInvalid, "AppId is missing or is not a uint32.");
        }
        var timestampText = First(query, "Timestamp");
        if (timestampText is null)
        {
            return new(action, appId, ZimCode.TimestampMissing, "Timestamp is missing: send the current Unix time in seconds.");
        }
        if (!long.TryParse(timestampText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            return new(action, appId, ZimCode.TimestampInvalid, "Timestamp is not an integer: send the Unix time in whole seconds.");
        }
        var nonce = First(query, "SignatureNonce");
        if (nonce is null)
        {
            return new(action, appId, ZimCode.NonceMissing, "SignatureNonce is missing: send a fresh random string with every call.");
        }
        var version = First(query, "SignatureVersion");
        if (version is null)
        {
            return new(action, appId, ZimCode.SignatureVersionMissing, "SignatureVersion is missing: send SignatureVersion=2.0.");
        }
        if (version != ZimLimits.SignatureVersion)
        {
            return new(action, appId, ZimCode.SignatureVersionInvalid, $"SignatureVersion '{Clip(version)}' is not supported: send 2.0.");
        }
        var signature = First(query, "Signature");
        if (signature is null)
        {
            return new(action, appId, ZimCode.SignatureMissing, "Signature is missing.");
        }
        var app = apps.Find(appId);
        if (app is null)
        {
            return new(action, appId, ZimCode.AppNotFound, $"There is no app with AppId {appId} on this server.");
        }
        var now = clock.GetUtcNow();
        // decimal: an extreme Timestamp must not overflow into the window.
        var skew = (decimal)timestamp - now.ToUnixTimeSeconds();
        if (Math.Abs(skew) > ZimLimits.TimestampWindowSeconds)
        {
            var direction = skew < 0 ? "behind" : "ahead of";
            return new(action, appId, ZimCode.TimestampExpired,
                $"Timestamp is {Math.Abs(skew)} s {direction} the server clock; the limit is {ZimLimits.TimestampWindowSeconds} s. Check the caller's clock.");
        }
        // During a rotation's grace period the previous secret still signs; the current one is tried first.
        if (!app.SecretsAt(now).Any(secret => ZimSignature.Verify(appId, nonce, secret, timestamp, signature)
            || VerifiesAsSent(First(query, "AppId")!, timestampText, appId, timestamp, nonce, secret, signature)))
        {
            return new(action, appId, ZimCode.SignatureInvalid,
                "Signature does not match: check the ServerSecret, and that the AppId, SignatureNonce and Timestamp in the URL are the ones signed.");
        }
        // Keep the nonce for as long as its Timestamp could still pass the window check.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Max(timestamp, now.ToUnixTimeSeconds()) + ZimLimits.TimestampWindowSeconds + 1);
        if (!await nonces.TryUseAsync(appId, nonce, expiresAt))
        {
            return new(action, appId, ZimCode.SignatureInvalid,
                $"SignatureNonce already used: this app used it within the last {ZimLimits.TimestampWindowSeconds} s; send a fresh nonce with every call.");
        }
        return new(action, appId, ZimCode.Success, "") { App = app, Nonce = nonce };
    }

    /// <summary>
    /// A caller may send "0123" or "+1700000000" and sign exactly that text; accept the signature of the
    /// text as sent too, rather than refusing a correctly signed call over a formatting detail.
    /// </summary>
    private static bool VerifiesAsSent(string appIdText, string timestampText, uint appId, long timestamp, string nonce, string secret, string signature)
    {
        var canonical = appIdText == appId.ToString(CultureInfo.InvariantCulture)
            && timestampText == timestamp.ToString(CultureInfo.InvariantCulture);
        return !canonical && ZimSignature.VerifyText(appIdText + nonce + secret + timestampText, signature);
    }

    /// <summary>The first value of a query key; an empty value counts as missing.</summary>
    private static string? First(IQueryCollection query, string key)
    {
        var values = query[key];
        return values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
    }

    private static string Clip(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");
}
