using Zim.Protocol;

namespace Zim.Server.RateLimits;

/// <summary>Told of each call the rate limit refuses (for metrics); must be quick and must not throw.</summary>
internal interface IRateLimitObserver
{
    void Refused(uint appId, ZimAction action);
}
