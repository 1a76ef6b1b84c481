using Zim.Server.Api;

namespace Zim.Server.Users;

internal static class UsersSetup
{
    public static IServiceCollection AddZimUsers(this IServiceCollection services)
    {
        services.AddSingleton<IActionHandler, RegisterUsers>();
        services.AddSingleton<IActionHandler, RegisterBots>();
        services.AddSingleton<IActionHandler, QueryUsers>();
        services.AddSingleton<IActionHandler, ModifyUsers>();
        services.AddSingleton<IActionHandler, QueryOnlineState>();
        return services;
    }
}
