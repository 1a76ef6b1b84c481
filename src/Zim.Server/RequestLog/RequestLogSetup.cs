using System.Text.Json.Serialization;
using Zim.Server.Admin;
using Zim.Server.Api;
using Zim.Server.Apps;

namespace Zim.Server.RequestLog;

internal static class RequestLogSetup
{
    public const int MaxLimit = 1000;

    public static IServiceCollection AddZimRequestLog(this IServiceCollection services)
    {
        services.AddOptions<RequestLogOptions>().BindConfiguration(RequestLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallLog>();
        services.AddSingleton<ICallObserver>(sp => sp.GetRequiredService<CallLog>());
        return services;
    }

    /// <summary><c>GET /admin/api/apps/{appId}/requests?code=&amp;after=&amp;limit=</c>: the app's recent calls, newest first.</summary>
    public static void MapRequestLog(this RouteGroupBuilder api) =>
        api.MapGet("/apps/{appId}/requests", (uint appId, int? code, long? after, int? limit, CallLog log, AppRegistry registry) =>
            registry.Find(appId) is null
                ? AdminResults.NoApp(appId)
                : limit is < 1 or > MaxLimit
                    ? AdminResults.Error(StatusCodes.Status400BadRequest, $"limit must be 1 to {MaxLimit}.")
                    : Results.Json(log.Read(appId, code, after ?? 0, limit ?? 100), RequestLogJson.Default.IReadOnlyListLoggedCall))
            .WithSummary("The app's recent calls, newest first; code= filters, after= gives only newer ones").Produces<IReadOnlyList<LoggedCall>>();
}

[JsonSerializable(typeof(IReadOnlyList<LoggedCall>))]
internal sealed partial class RequestLogJson : JsonSerializerContext;
