namespace Zim.Server.Admin;

/// <summary>
/// A user's relations, read-only: <c>GET /admin/api/apps/{appId}/users/{userId}/friends?limit=&amp;next=</c>,
/// <c>.../applications</c> and <c>.../blocklist?limit=&amp;next=</c>; 404 when the app or the user is unknown.
/// </summary>
internal static class RelationEndpoints
{
    public static void Map(RouteGroupBuilder user)
    {
        user.MapGet("/friends", async (uint appId, string userId, int? limit, long? next, RelationAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.FriendsAsync(appId, userId, limit, next, ct), TypedResults.Ok))
            .WithSummary("One page of a user's friend list, newest first (the count already returned is the next page's next)");
        user.MapGet("/applications", async (uint appId, string userId, RelationAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.ApplicationsAsync(appId, userId, ct), TypedResults.Ok))
            .WithSummary("The friend applications a user sent and received; State 1 waiting, 2 accepted, 4 expired");
        user.MapGet("/blocklist", async (uint appId, string userId, int? limit, long? next, RelationAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.BlocklistAsync(appId, userId, limit, next, ct), TypedResults.Ok))
            .WithSummary("One page of a user's blocklist, newest first");
    }
}
