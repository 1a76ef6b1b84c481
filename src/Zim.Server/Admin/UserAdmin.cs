using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>Looking users up, exporting them, deleting chosen ones, and resetting an app.</summary>
internal sealed class UserAdmin(IUserAdminStore store, AppRegistry registry)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;
    public const int MaxDeletePerCall = 1000;

    public async Task<IResult> ListAsync(uint appId, string? after, string? prefix, string? name, int? limit, CancellationToken cancellationToken)
    {
        if (registry.Find(appId) is null)
        {
            return AdminResults.NoApp(appId);
        }
        if (limit is < 1 or > MaxPageSize)
        {
            return AdminResults.Error(StatusCodes.Status400BadRequest, $"limit must be 1 to {MaxPageSize}.");
        }
        var size = limit ?? DefaultPageSize;
        // One more than asked says whether another page follows, without a count.
        var users = await store.ListAsync(appId, new UserFilter(Blank(after), Blank(prefix), Blank(name), size + 1), cancellationToken);
        var page = users.Take(size).ToList();
        return AdminResults.Ok(new UserPage(page, users.Count > size ? page[^1].UserId : null), AdminJson.Default.UserPage);
    }

    public async Task<IResult> ExportAsync(HttpContext context, uint appId, string? format)
    {
        if (registry.Find(appId) is null)
        {
            return AdminResults.NoApp(appId);
        }
        if (!UserExport.TryParseFormat(format, out var csv))
        {
            return AdminResults.Error(StatusCodes.Status400BadRequest, "format must be csv or jsonl.");
        }
        await UserExport.WriteAsync(context.Response, appId, csv, store.ExportAsync(appId, context.RequestAborted), context.RequestAborted);
        return Results.Empty;
    }

    public async Task<IResult> DeleteAsync(uint appId, UserIdList request, CancellationToken cancellationToken)
    {
        if (registry.Find(appId) is null)
        {
            return AdminResults.NoApp(appId);
        }
        if (request.UserIds is not { Count: > 0 and <= MaxDeletePerCall } ids)
        {
            return AdminResults.Error(StatusCodes.Status400BadRequest, $"UserIds must list 1 to {MaxDeletePerCall} UserIds.");
        }
        return AdminResults.Ok(new Deleted(await store.DeleteAsync(appId, ids, cancellationToken)), AdminJson.Default.Deleted);
    }

    public async Task<IResult> ResetAsync(uint appId, CancellationToken cancellationToken) =>
        registry.Find(appId) is null
            ? AdminResults.NoApp(appId)
            : AdminResults.Ok(new Deleted(await store.DeleteAllAsync(appId, cancellationToken)), AdminJson.Default.Deleted);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
