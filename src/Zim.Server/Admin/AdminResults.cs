using Microsoft.AspNetCore.Http.HttpResults;

namespace Zim.Server.Admin;

/// <summary>
/// The admin API's answers: plain HTTP statuses, and for a refusal or a failure a sentence as <c>{"Error": ...}</c>,
/// not ZIM envelopes. Endpoints answer typed results, so that the OpenAPI document follows from their types.
/// </summary>
internal static class AdminResults
{
    /// <summary>The service's value as <paramref name="ok"/> answers it, or its refusal with the refusal's status.</summary>
    public static Results<TOk, BadRequest<AdminError>, NotFound<AdminError>, Conflict<AdminError>> Answer<T, TOk>(AdminOutcome<T> outcome, Func<T, TOk> ok)
        where TOk : IResult =>
        outcome.Refusal is { } refusal ? Refused<TOk>(refusal) : ok(outcome.Value!);

    /// <summary>204 when the service did it (no refusal), else the refusal with its status.</summary>
    public static Results<NoContent, BadRequest<AdminError>, NotFound<AdminError>, Conflict<AdminError>> Answer(AdminRefusal? refusal) =>
        refusal is null ? TypedResults.NoContent() : Refused<NoContent>(refusal);

    public static NotFound<AdminError> NoApp(uint appId) => TypedResults.NotFound(new AdminError(AdminRefusal.NoApp(appId).Message));

    /// <summary>An error whose status is only known as the call runs (a missing token, a failure).</summary>
    public static IResult Error(int status, string message) =>
        Results.Json(new AdminError(message), AdminJson.Default.AdminError, statusCode: status);

    private static Results<TOk, BadRequest<AdminError>, NotFound<AdminError>, Conflict<AdminError>> Refused<TOk>(AdminRefusal refusal)
        where TOk : IResult =>
        refusal.Kind switch
        {
            AdminRefusalKind.Invalid => TypedResults.BadRequest(new AdminError(refusal.Message)),
            AdminRefusalKind.NoApp => TypedResults.NotFound(new AdminError(refusal.Message)),
            _ => TypedResults.Conflict(new AdminError(refusal.Message)),
        };
}
