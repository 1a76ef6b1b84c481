using Zim.Server.Api;

namespace Zim.Server.Blocklist;

internal static class BlocklistSetup
{
    public static IServiceCollection AddZimBlocklist(this IServiceCollection services)
    {
        services.AddSingleton<IActionHandler, AddToBlocklist>();
        services.AddSingleton<IActionHandler, RemoveFromBlocklist>();
        services.AddSingleton<IActionHandler, QueryBlocklist>();
        services.AddSingleton<IActionHandler, CheckBlocklist>();
        return services;
    }
}
