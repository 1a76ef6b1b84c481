namespace Zim.Protocol.Tokens;

/// <summary>Why a Token04 does not log a user in; each check of the verifier has its own.</summary>
public enum Token04Failure
{
    /// <summary>Not a Token04 of either layout, its plaintext is not the JSON it must be, or its two expiries differ.</summary>
    Malformed,

    /// <summary>It does not decrypt with the app's secret (nor with the previous one during a rotation).</summary>
    WrongSecret,

    /// <summary>It was made for another app.</summary>
    WrongApp,

    /// <summary>It was made for another user.</summary>
    WrongUser,

    /// <summary>Its expiry has passed.</summary>
    Expired,

    /// <summary>It was made to last longer than the vendor's 24 days.</summary>
    TooLong,
}

/// <summary>What a Token04 says, once it decrypted and parsed.</summary>
/// <param name="AppId">The plaintext's <c>app_id</c>.</param>
/// <param name="UserId">The plaintext's <c>user_id</c>.</param>
/// <param name="Created">Its <c>ctime</c>, Unix seconds.</param>
/// <param name="Expire">Its <c>expire</c>, Unix seconds.</param>
/// <param name="Payload">Its <c>payload</c>; empty when absent.</param>
/// <param name="Layout">Which layout the token has.</param>
public sealed record Token04Claims(long AppId, string UserId, long Created, long Expire, string Payload, Token04Layout Layout);

/// <summary>The verifier's answer: valid with the claims, or the failure with a sentence for the person who made the token.</summary>
/// <param name="Claims">The claims when the token decrypted and parsed (also for some failures); null otherwise.</param>
/// <param name="Failure">Null when the token is valid.</param>
/// <param name="Problem">Null when the token is valid; otherwise what is wrong, never a secret.</param>
/// <param name="UsedPreviousSecret">True when it decrypted only with the previous secret of a rotation.</param>
public sealed record Token04Check(Token04Claims? Claims, Token04Failure? Failure, string? Problem, bool UsedPreviousSecret = false)
{
    /// <summary>True when the token logs the user in.</summary>
    public bool IsValid => Failure is null;

    /// <summary>The failure as the admin API names it: <c>malformed</c>, <c>wrong_secret</c>, <c>wrong_app</c>, <c>wrong_user</c>, <c>expired</c>, <c>too_long</c>.</summary>
    public string? Reason => Failure switch
    {
        null => null,
        Token04Failure.Malformed => "malformed",
        Token04Failure.WrongSecret => "wrong_secret",
        Token04Failure.WrongApp => "wrong_app",
        Token04Failure.WrongUser => "wrong_user",
        Token04Failure.Expired => "expired",
        Token04Failure.TooLong => "too_long",
        _ => throw new InvalidOperationException($"unknown failure {Failure}"),
    };
}
