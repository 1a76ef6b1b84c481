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
        var (code, message, errorList) = await Registration.RunAsync(store, request, bot: false, ZimLimits.MaxBatch, options.Value.UserNameMaxBytes, cancellationToken);
        return new UserRegisterResponse { Code = code, Message = message, ErrorList = errorList };
    }
}

/// <summary>
/// <c>RobotRegister</c>: up to 20 bots, registered as users with the bot flag; the UserRegister rules, plus the
/// <c>@RBT#</c> prefix that every bot's UserId begins with.
/// </summary>
internal sealed class RegisterBots(IUserStore store, IOptions<ApiOptions> options) : IActionHandler
{
    public ZimAction Action => ZimAction.RobotRegister;

    public ZimResponse Reject(int code, string message) => new RobotRegisterResponse { Code = code, Message = message };

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var (code, message, errorList) = await Registration.RunAsync(store, request, bot: true, request.Limits.RobotRegisterBatchMax, options.Value.UserNameMaxBytes, cancellationToken);
        return new RobotRegisterResponse { Code = code, Message = message, ErrorList = errorList };
    }
}

/// <summary>The registration shared by users and bots: they differ in the UserId prefix, the batch size and the flag stored.</summary>
internal static class Registration
{
    public static async Task<(int Code, string Message, List<UserError> ErrorList)> RunAsync(
        IUserStore store, ActionRequest request, bool bot, int max, int userNameMaxBytes, CancellationToken cancellationToken)
    {
        var invalid = UserBatch.Read(request.Body, withExtra: false, userNameMaxBytes,
            repeated: id => Exists(id, "it appears earlier in this request"), out var batch, bot, max);
        if (invalid is not null)
        {
            return (ZimCode.InvalidParameter, invalid, []);
        }
        var users = batch.Accepted.ConvertAll(a => new RegisterUserInfo(a.Change.UserId, a.Change.UserName, a.Change.UserAvatar));
        var inserted = users.Count == 0 ? [] : await store.RegisterAsync(request.App.AppId, users, bot, cancellationToken);
        return batch.Finish(inserted, id => Exists(id, "it is already registered in this app"), "registered");
    }

    private static UserError Exists(string userId, string why) =>
        new(userId, ZimCode.UserExists, $"User already exists: {why}.");
}
