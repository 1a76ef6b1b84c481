using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;
using Zim.Server.Storage;

namespace Zim.Server.Users;

/// <summary><c>UserRegister</c>: up to 100 users; each invalid or existing one is reported, the rest stored.</summary>
internal sealed class RegisterUsers(IUserStore store, IOptions<ApiOptions> options) : IActionHandler
{
    public ZimAction Action => ZimAction.UserRegister;

    public ZimResponse Reject(int code, string message) => new UserRegisterResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var invalid = UserBatch.Read(request.Body, withExtra: false, options.Value.UserNameMaxBytes,
            repeated: id => Exists(id, "it appears earlier in this request"), out var batch);
        if (invalid is not null)
        {
            return Reject(ZimCode.InvalidParameter, invalid);
        }
        var users = batch.Accepted.ConvertAll(a => new RegisterUserInfo(a.Change.UserId, a.Change.UserName, a.Change.UserAvatar));
        var inserted = users.Count == 0 ? [] : await store.RegisterAsync(request.App.AppId, users, cancellationToken);
        var (code, message, errorList) = batch.Finish(inserted, id => Exists(id, "it is already registered in this app"), "registered");
        return new UserRegisterResponse { Code = code, Message = message, ErrorList = errorList };
    }

    private static UserError Exists(string userId, string why) =>
        new(userId, ZimCode.UserExists, $"User already exists: {why}.");
}
