namespace Zim.Server.Admin;

/// <summary>
/// The routes of the admin API; the work is in <see cref="AppAdmin"/> and <see cref="UserAdmin"/>, which answer
/// values or refusals, and each route says as a typed result what it answers.
/// </summary>
internal static class AdminEndpoints
{
    public static void MapApps(RouteGroupBuilder apps)
    {
        apps.MapGet("/", async (AppAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct)))
            .WithSummary("List apps with their user counts");
        apps.MapPost("/", async (HttpRequest request, AppAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await AdminBody.ReadAsync(request, AdminJson.Default.CreateApp, body => admin.CreateAsync(body, ct), ct),
                app => TypedResults.Created($"/admin/api/apps/{app.AppId}", app)))
            .WithSummary("Create an app; its secret is shown this once").Accepts<CreateApp>("application/json");
        apps.MapGet("/{appId}", async (uint appId, AppAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.FindAsync(appId, ct), TypedResults.Ok))
            .WithSummary("One app");
        apps.MapPatch("/{appId}", async (uint appId, HttpRequest request, AppAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await AdminBody.ReadAsync(request, AdminJson.Default.ChangeApp, body => admin.ChangeAsync(appId, body, ct), ct), TypedResults.Ok))
            .WithSummary("Change an app's name, QpsLimit or CallbackUrl (\"\" stops its callbacks)").Accepts<ChangeApp>("application/json");
        apps.MapPost("/{appId}/secret", async (uint appId, int? graceSeconds, AppAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.RotateSecretAsync(appId, graceSeconds, ct), TypedResults.Ok))
            .WithSummary("Rotate the secret: the new one signs at once; the old one is still accepted for graceSeconds (default 3600, 0 = at once)");
        apps.MapPost("/{appId}/callback-secret", async (uint appId, AppAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.RotateCallbackSecretAsync(appId, ct), TypedResults.Ok))
            .WithSummary("Rotate the CallbackSecret that signs the app's login/logout callbacks: the new one, shown this once, signs at once");
        apps.MapDelete("/{appId}", async (uint appId, AppAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.DeleteAsync(appId, ct)))
            .WithSummary("Delete an app and all its users");
    }

    public static void MapUsers(RouteGroupBuilder users)
    {
        users.MapGet("/", async (uint appId, string? after, string? prefix, string? name, int? limit, UserAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.ListAsync(appId, after, prefix, name, limit, ct), TypedResults.Ok))
            .WithSummary("Users in UserId order (keyset paging), by UserId prefix or part of the name");
        users.MapGet("/export", (uint appId, string? format, UserAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(admin.Export(appId, format, ct), export =>
                TypedResults.Stream(body => export.WriteAsync(body, ct), export.ContentType, export.FileName)))
            .WithSummary("Export every user, streamed, as csv or jsonl").Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: "application/jsonl");
        users.MapPost("/delete", async (uint appId, HttpRequest request, UserAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await AdminBody.ReadAsync(request, AdminJson.Default.UserIdList, body => admin.DeleteAsync(appId, body, ct), ct), TypedResults.Ok))
            .WithSummary("Delete chosen users").Accepts<UserIdList>("application/json");
        users.MapDelete("/", async (uint appId, UserAdmin admin, CancellationToken ct) =>
            AdminResults.Answer(await admin.ResetAsync(appId, ct), TypedResults.Ok))
            .WithSummary("Reset: delete every user of the app");
    }
}
