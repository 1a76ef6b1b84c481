using Zim.Server.Api;

namespace Zim.Server.CallRate;

internal static class CallRateSetup
{
    /// <summary>The calls per second of each app, told of every answered call; read by the admin API.</summary>
    public static IServiceCollection AddZimCallRate(this IServiceCollection services) => services.AddCallObserver<CallRateLog>();
}
