using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Users;

/// <summary>
/// <c>ModifyUserInfo</c>: up to 100 changes; an absent property stays as it is, an empty string clears it.
/// </summary>
internal sealed class ModifyUsers(IUserStore store, IOptions<ApiOptions> options) : IActionHandler
{
    public ZimAction Action => ZimAction.ModifyUserInfo;

    public ZimResponse Reject(int code, string message) => new ModifyUserInfoResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        using var document = JsonBody.TryParse(request.Body);
        var invalid = JsonBody.ReadBatch(document, "UserInfo", ZimLimits.MaxBatch, out var array);
        if (invalid is not null)
        {
            return Reject(ZimCode.InvalidParameter, invalid);
        }

        var errors = new UserError?[array.GetArrayLength()];
        var accepted = new List<(int Index, UserInfoChange Change)>(errors.Length);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return Reject(ZimCode.InvalidParameter, $"UserInfo[{index}] is not an object.");
            }
            var entry = UserEntry.Read(element, withExtra: true, options.Value.UserNameMaxBytes);
            if (entry.Violation is { } violation)
            {
                errors[index] = new UserError(entry.ReportedId, violation.SubCode, violation.Message);
            }
            else
            {
                accepted.Add((index, entry.Change!));
            }
            index++;
        }

        var modified = accepted.Count == 0
            ? []
            : await store.ModifyAsync(request.App.AppId, accepted.ConvertAll(a => a.Change), cancellationToken);
        var count = 0;
        for (var i = 0; i < accepted.Count; i++)
        {
            if (modified[i])
            {
                count++;
            }
            else
            {
                errors[accepted[i].Index] = new UserError(accepted[i].Change.UserId, ZimCode.ModifyUserNotFound, "User is not registered in this app.");
            }
        }

        var errorList = errors.OfType<UserError>().ToList();
        var (code, message) = BatchOutcome.Of(count, errorList, "modified");
        return new ModifyUserInfoResponse { Code = code, Message = message, ErrorList = errorList };
    }
}
