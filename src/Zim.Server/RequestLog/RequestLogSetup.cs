using Zim.Server.Api;

namespace Zim.Server.RequestLog;

internal static class RequestLogSetup
{
    /// <summary>The recent calls of each app, kept in memory for the admin API to show.</summary>
    public static IServiceCollection AddZimRequestLog(this IServiceCollection services)
    {
        services.AddOptions<RequestLogOptions>().BindChecked(RequestLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddCallObserver<CallLog>();
    }
}
