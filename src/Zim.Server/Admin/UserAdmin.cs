using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>Looking users up, exporting them, deleting chosen ones, and resetting an app.</summary>
internal sealed class UserAdmin(IUserAdminStore store, AppRegistry registry)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;
    public const int MaxDeletePerCall = 1000;

    public async Task<AdminOutcome<UserPage>> ListAsync(uint appId, string? after, string? prefix, string? name, int? limit, CancellationToken cancellationToken)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        if (limit is < 1 or > MaxPageSize)
        {
            return AdminRefusal.Invalid($"limit must be 1 to {MaxPageSize}.");
        }
        var size = limit ?? DefaultPageSize;
        // One more than asked says whether another page follows, without a count.
        var users = await store.ListAsync(appId, new UserFilter(Blank(after), Blank(prefix), Blank(name), size + 1), cancellationToken);
        var page = users.Take(size).ToList();
        return new UserPage(page, users.Count > size ? page[^1].UserId : null);
    }

    /// <summary>The export to stream; the store is read as it is written, not here.</summary>
    public AdminOutcome<UserExport> Export(uint appId, string? format, CancellationToken cancellationToken)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        return UserExport.TryParseFormat(format, out var csv)
            ? new UserExport(appId, csv, store.ExportAsync(appId, cancellationToken))
            : AdminRefusal.Invalid("format must be csv or jsonl.");
    }

    public async Task<AdminOutcome<Deleted>> DeleteAsync(uint appId, UserIdList request, CancellationToken cancellationToken)
    {
        if (AdminRefusal.IfNotServed(registry, appId) is { } refusal)
        {
            return refusal;
        }
        if (request.UserIds is not { Count: > 0 and <= MaxDeletePerCall } ids)
        {
            return AdminRefusal.Invalid($"UserIds must list 1 to {MaxDeletePerCall} UserIds.");
        }
        return new Deleted(await store.DeleteAsync(appId, ids, cancellationToken));
    }

    public async Task<AdminOutcome<Deleted>> ResetAsync(uint appId, CancellationToken cancellationToken) =>
        AdminRefusal.IfNotServed(registry, appId) is { } refusal
            ? refusal
            : new Deleted(await store.DeleteAllAsync(appId, cancellationToken));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
