using System.Text.Json.Serialization.Metadata;

namespace Zim.Server.Admin;

/// <summary>The routes of the admin API; the work is in <see cref="AppAdmin"/> and <see cref="UserAdmin"/>.</summary>
internal static class AdminEndpoints
{
    public static void MapApps(RouteGroupBuilder apps)
    {
        apps.MapGet("/", async (AppAdmin admin, CancellationToken ct) =>
            AdminResults.Ok(await admin.ListAsync(ct), AdminJson.Default.IReadOnlyListAppView))
            .WithSummary("List apps with their user counts").Produces<IReadOnlyList<AppView>>();
        apps.MapPost("/", (HttpRequest request, AppAdmin admin, CancellationToken ct) =>
            WithBody(request, AdminJson.Default.CreateApp, body => admin.CreateAsync(body, ct), ct))
            .WithSummary("Create an app; its secret is shown this once").Accepts<CreateApp>("application/json").Produces<AppSecret>(StatusCodes.Status201Created);
        apps.MapGet("/{appId}", async (uint appId, AppAdmin admin, CancellationToken ct) =>
            (await admin.ListAsync(ct)).FirstOrDefault(app => app.AppId == appId) is { } app
                ? AdminResults.Ok(app, AdminJson.Default.AppView)
                : AdminResults.NoApp(appId))
            .WithSummary("One app").Produces<AppView>();
        apps.MapPatch("/{appId}", (uint appId, HttpRequest request, AppAdmin admin, CancellationToken ct) =>
            WithBody(request, AdminJson.Default.ChangeApp, body => admin.ChangeAsync(appId, body, ct), ct))
            .WithSummary("Change an app's name or QpsLimit").Accepts<ChangeApp>("application/json").Produces<AppSettings>();
        apps.MapPost("/{appId}/secret", (uint appId, int? graceSeconds, AppAdmin admin, CancellationToken ct) => admin.RotateSecretAsync(appId, graceSeconds, ct))
            .WithSummary("Rotate the secret: the new one signs at once; the old one is still accepted for graceSeconds (default 3600, 0 = at once)").Produces<AppSecret>();
        apps.MapDelete("/{appId}", (uint appId, AppAdmin admin, CancellationToken ct) => admin.DeleteAsync(appId, ct))
            .WithSummary("Delete an app and all its users").Produces(StatusCodes.Status204NoContent);
    }

    public static void MapUsers(RouteGroupBuilder users)
    {
        users.MapGet("/", (uint appId, string? after, string? prefix, string? name, int? limit, UserAdmin admin, CancellationToken ct) =>
            admin.ListAsync(appId, after, prefix, name, limit, ct))
            .WithSummary("Users in UserId order (keyset paging), by UserId prefix or part of the name").Produces<UserPage>();
        users.MapGet("/export", (uint appId, string? format, HttpContext context, UserAdmin admin) =>
            admin.ExportAsync(context, appId, format))
            .WithSummary("Export every user, streamed, as csv or jsonl").Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: "application/jsonl");
        users.MapPost("/delete", (uint appId, HttpRequest request, UserAdmin admin, CancellationToken ct) =>
            WithBody(request, AdminJson.Default.UserIdList, body => admin.DeleteAsync(appId, body, ct), ct))
            .WithSummary("Delete chosen users").Accepts<UserIdList>("application/json").Produces<Deleted>();
        users.MapDelete("/", (uint appId, UserAdmin admin, CancellationToken ct) => admin.ResetAsync(appId, ct))
            .WithSummary("Reset: delete every user of the app").Produces<Deleted>();
    }

    private static async Task<IResult> WithBody<T>(HttpRequest request, JsonTypeInfo<T> type, Func<T, Task<IResult>> handle, CancellationToken ct)
        where T : class
    {
        var (body, problem) = await AdminResults.ReadAsync(request, type, ct);
        return problem ?? await handle(body!);
    }
}
