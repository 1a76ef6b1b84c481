using Microsoft.AspNetCore.Http.HttpResults;
using Zim.Protocol.Admin;

namespace Zim.Server.Admin;

/// <summary>
/// The login path: <c>POST /admin/api/apps/{appId}/sessions</c> logs a user in with a Token04, <c>DELETE .../{sessionId}?how=</c>
/// ends a session, <c>GET ...?userId=</c> lists them.
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder sessions)
    {
        sessions.MapPost("/", async Task<Results<Created<LoginAnswer>, JsonHttpResult<LoginRefusal>, BadRequest<AdminError>, NotFound<AdminError>, Conflict<AdminError>>> (
            uint appId, HttpRequest request, SessionAdmin admin, CancellationToken ct) =>
        {
            var outcome = await AdminBody.ReadAsync(request, AdminJson.Default.LoginRequest, body => admin.LoginAsync(appId, body, ct), ct);
            if (outcome.Value?.TokenRefusal is { } token)
            {
                return TypedResults.Json(token, AdminJson.Default.LoginRefusal, statusCode: StatusCodes.Status401Unauthorized);
            }
            // The answer or the call's refusal, widened to this endpoint's results.
            return AdminResults.Answer(outcome, result => TypedResults.Created($"/admin/api/apps/{appId}/sessions/{result.Answer!.SessionId}", result.Answer)).Result switch
            {
                Created<LoginAnswer> created => created,
                BadRequest<AdminError> bad => bad,
                NotFound<AdminError> none => none,
                var other => (Conflict<AdminError>)other,
            };
        }).WithSummary("Log a user in with a Token04 (registers a new user); 401 with the token's Reason when it is not valid")
            .Accepts<LoginRequest>("application/json");
        sessions.MapDelete("/{sessionId}", async (uint appId, string sessionId, string? how, SessionAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.EndAsync(appId, sessionId, how, ct)))
            .WithSummary("End a session: how=logout (the client logged out, the default) or how=offline (the connection was lost)");
        sessions.MapGet("/", async (uint appId, string? userId, int? limit, SessionAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.ListAsync(appId, userId, limit, ct), TypedResults.Ok))
            .WithSummary("The app's sessions (of one user with userId=), newest login first");
    }
}
