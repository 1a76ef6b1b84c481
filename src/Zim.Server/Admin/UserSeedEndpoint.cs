using Zim.Protocol.Admin;
using Zim.Protocol.Wire;
using Zim.Server.Apps;
using Zim.Server.Seed;

namespace Zim.Server.Admin;

/// <summary>
/// <c>POST /admin/api/apps/{appId}/users</c> with a <c>UserRegister</c> body of up to 10,000 users: registers
/// them without signing or rate limit and outside the request log, as the seed file does, so that a test (in
/// any language) starts from known users in one call.
/// </summary>
internal static class UserSeedEndpoint
{
    public const int MaxUsers = 10_000;

    public static void Map(RouteGroupBuilder users) =>
        users.MapPost("/", async (uint appId, HttpRequest request, AppRegistry registry, Seeder seeder, CancellationToken ct) =>
            AdminResults.Answer(await AdminBody.ReadAsync(request, AdminJson.Default.UserRegisterRequest,
                body => SeedAsync(appId, body, registry, seeder, ct), ct), TypedResults.Ok))
            .WithSummary($"Seed: register up to {MaxUsers} users at once, unsigned; users already stored stay as they are")
            .Accepts<UserRegisterRequest>("application/json");

    private static async Task<AdminOutcome<SeededUsers>> SeedAsync(
        uint appId, UserRegisterRequest body, AppRegistry registry, Seeder seeder, CancellationToken cancellationToken)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        if (body.UserInfo is not { Count: > 0 and <= MaxUsers } users || users.Any(user => user is null))
        {
            return AdminRefusal.Invalid($"UserInfo must hold 1 to {MaxUsers} users.");
        }
        var tally = await seeder.RegisterAsync(appId, users, cancellationToken);
        return new SeededUsers(tally.Registered, tally.AlreadyThere, tally.Invalid, [.. tally.FirstReasons]);
    }
}
