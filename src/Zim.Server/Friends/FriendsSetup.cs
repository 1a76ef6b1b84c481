using Zim.Server.Api;

namespace Zim.Server.Friends;

internal static class FriendsSetup
{
    public static IServiceCollection AddZimFriends(this IServiceCollection services)
    {
        services.AddSingleton<IActionHandler, AddFriends>();
        services.AddSingleton<IActionHandler, SendFriendApplication>();
        services.AddSingleton<IActionHandler, DeleteFriends>();
        services.AddSingleton<IActionHandler, DeleteAllFriends>();
        services.AddSingleton<IActionHandler, QueryFriendList>();
        services.AddSingleton<IActionHandler, CheckFriends>();
        services.AddSingleton<IActionHandler, UpdateFriendsAlias>();
        services.AddSingleton<IActionHandler, UpdateFriendAttributes>();
        return services;
    }
}
