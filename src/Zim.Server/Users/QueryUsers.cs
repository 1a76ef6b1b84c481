using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Validation;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Users;

/// <summary><c>QueryUserInfos</c>: the profiles of up to 100 users, in request order.</summary>
internal sealed class QueryUsers(IUserStore store) : IActionHandler
{
    public ZimAction Action => ZimAction.QueryUserInfos;

    public ZimResponse Reject(int code, string message) => new QueryUserInfosResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        using var body = JsonBody.Parse(request.Body);
        var invalid = JsonBody.ReadBatch(body, "UserIds", ZimLimits.MaxBatch, out var array);
        if (invalid is not null)
        {
            return Reject(ZimCode.InvalidParameter, invalid);
        }

        var ids = new List<string>(array.GetArrayLength());
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                return Reject(ZimCode.InvalidParameter, $"UserIds[{ids.Count}] is not a string.");
            }
            if (JsonBody.ReadString(element, out var id) is { } escape)
            {
                return Reject(ZimCode.InvalidParameter, JsonBody.NotUnicode($"UserIds[{ids.Count}]", escape));
            }
            ids.Add(id!);
        }

        // Each id is checked once; the valid ones are looked up once each, in one statement.
        var violations = new Violation?[ids.Count];
        var lookup = new HashSet<string>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            violations[i] = UserRules.CheckUserId(ids[i]);
            if (violations[i] is null)
            {
                lookup.Add(ids[i]);
            }
        }
        var found = lookup.Count == 0
            ? new Dictionary<string, UserProfile>()
            : await store.FindAsync(request.App.AppId, [.. lookup], cancellationToken);

        var result = new List<UserProfile>(found.Count);
        var errors = new List<UserError>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (violations[i] is { } violation)
            {
                errors.Add(new UserError(ids[i], violation.SubCode, violation.Message));
            }
            else if (found.TryGetValue(ids[i], out var profile))
            {
                result.Add(profile);
            }
            else
            {
                errors.Add(new UserError(ids[i], ZimCode.QueryUserNotFound, "User is not registered in this app."));
            }
        }
        var (code, message) = BatchOutcome.Of(result.Count, errors, "found");
        return new QueryUserInfosResponse { Code = code, Message = message, Result = result, ErrorList = errors };
    }
}
