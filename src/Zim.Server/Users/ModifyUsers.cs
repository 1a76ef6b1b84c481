using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Users;

/// <summary>
/// <c>ModifyUserInfo</c>: up to 100 changes; an absent property stays as it is, an empty string clears it.
/// The same UserId twice applies both changes in order.
/// </summary>
internal sealed class ModifyUsers(IUserStore store, IOptions<ApiOptions> options) : IActionHandler
{
    public ZimAction Action => ZimAction.ModifyUserInfo;

    public ZimResponse Reject(int code, string message) => new ModifyUserInfoResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var invalid = UserBatch.Read(request.Body, withExtra: true, options.Value.UserNameMaxBytes, repeated: null, out var batch);
        if (invalid is not null)
        {
            return Reject(ZimCode.InvalidParameter, invalid);
        }
        var changes = batch.Accepted.ConvertAll(a => a.Change);
        var modified = changes.Count == 0 ? [] : await store.ModifyAsync(request.App.AppId, changes, cancellationToken);
        var (code, message, errorList) = batch.Finish(modified,
            id => new UserError(id, ZimCode.ModifyUserNotFound, "User is not registered in this app."), "modified");
        return new ModifyUserInfoResponse { Code = code, Message = message, ErrorList = errorList };
    }
}
