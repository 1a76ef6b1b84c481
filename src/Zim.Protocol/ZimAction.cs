namespace Zim.Protocol;

/// <summary>The operations of the ZIM user API, with the HTTP method and rate-limit code of each.</summary>
public sealed record ZimAction(string Name, string Method, int RateLimitCode)
{
    /// <summary>Batch registration of up to 100 users.</summary>
    public static readonly ZimAction UserRegister = new("UserRegister", "POST", ZimCode.RegisterRateLimited);
    /// <summary>Profile lookup of up to 100 users.</summary>
    public static readonly ZimAction QueryUserInfos = new("QueryUserInfos", "POST", ZimCode.QueryRateLimited);
    /// <summary>Profile change of up to 100 users.</summary>
    public static readonly ZimAction ModifyUserInfo = new("ModifyUserInfo", "POST", ZimCode.QueryRateLimited);
    /// <summary>Online state of up to 100 users.</summary>
    public static readonly ZimAction QueryUserOnlineState = new("QueryUserOnlineState", "GET", ZimCode.TooManyRequests);

    /// <summary>Every action, in the contract's order.</summary>
    public static IReadOnlyList<ZimAction> All { get; } =
        [UserRegister, QueryUserInfos, ModifyUserInfo, QueryUserOnlineState];

    /// <summary>The action with this exact (case-sensitive) name, or null.</summary>
    public static ZimAction? Find(string name)
    {
        foreach (var action in All)
        {
            if (string.Equals(action.Name, name, StringComparison.Ordinal))
            {
                return action;
            }
        }
        return null;
    }
}
