using System.Text.Json.Serialization.Metadata;

namespace Zim.Server.Admin;

/// <summary>The routes of the admin API; the work is in <see cref="AppAdmin"/> and <see cref="UserAdmin"/>.</summary>
internal static class AdminEndpoints
{
    public static void MapApps(RouteGroupBuilder apps)
    {
        apps.MapGet("/", async (AppAdmin admin, CancellationToken ct) =>
            AdminResults.Ok(await admin.ListAsync(ct), AdminJson.Default.IReadOnlyListAppView));
        apps.MapPost("/", (HttpRequest request, AppAdmin admin, CancellationToken ct) =>
            WithBody(request, AdminJson.Default.CreateApp, body => admin.CreateAsync(body, ct), ct));
        apps.MapGet("/{appId}", async (uint appId, AppAdmin admin, CancellationToken ct) =>
            (await admin.ListAsync(ct)).FirstOrDefault(app => app.AppId == appId) is { } app
                ? AdminResults.Ok(app, AdminJson.Default.AppView)
                : AdminResults.NoApp(appId));
        apps.MapPatch("/{appId}", (uint appId, HttpRequest request, AppAdmin admin, CancellationToken ct) =>
            WithBody(request, AdminJson.Default.ChangeApp, body => admin.ChangeAsync(appId, body, ct), ct));
        apps.MapPost("/{appId}/secret", (uint appId, AppAdmin admin, CancellationToken ct) => admin.RotateSecretAsync(appId, ct));
        apps.MapDelete("/{appId}", (uint appId, AppAdmin admin, CancellationToken ct) => admin.DeleteAsync(appId, ct));
    }

    public static void MapUsers(RouteGroupBuilder users)
    {
        users.MapGet("/", (uint appId, string? after, string? prefix, string? name, int? limit, UserAdmin admin, CancellationToken ct) =>
            admin.ListAsync(appId, after, prefix, name, limit, ct));
        users.MapGet("/export", (uint appId, string? format, HttpContext context, UserAdmin admin) =>
            admin.ExportAsync(context, appId, format));
        users.MapPost("/delete", (uint appId, HttpRequest request, UserAdmin admin, CancellationToken ct) =>
            WithBody(request, AdminJson.Default.UserIdList, body => admin.DeleteAsync(appId, body, ct), ct));
        users.MapDelete("/", (uint appId, UserAdmin admin, CancellationToken ct) => admin.ResetAsync(appId, ct));
    }

    private static async Task<IResult> WithBody<T>(HttpRequest request, JsonTypeInfo<T> type, Func<T, Task<IResult>> handle, CancellationToken ct)
        where T : class
    {
        var (body, problem) = await AdminResults.ReadAsync(request, type, ct);
        return problem ?? await handle(body!);
    }
}
