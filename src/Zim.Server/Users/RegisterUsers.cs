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
        using var document = JsonBody.TryParse(request.Body);
        var invalid = JsonBody.ReadBatch(document, "UserInfo", ZimLimits.MaxBatch, out var array);
        if (invalid is not null)
        {
            return Reject(ZimCode.InvalidParameter, invalid);
        }

        var errors = new UserError?[array.GetArrayLength()];
        var accepted = new List<(int Index, RegisterUserInfo User)>(errors.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return Reject(ZimCode.InvalidParameter, $"UserInfo[{index}] is not an object.");
            }
            var entry = UserEntry.Read(element, withExtra: false, options.Value.UserNameMaxBytes);
            if (entry.Violation is { } violation)
            {
                errors[index] = new UserError(entry.ReportedId, violation.SubCode, violation.Message);
            }
            else if (!seen.Add(entry.ReportedId))
            {
                errors[index] = Exists(entry.ReportedId, "it appears earlier in this request");
            }
            else
            {
                accepted.Add((index, new RegisterUserInfo(entry.ReportedId, entry.Change!.UserName, entry.Change.UserAvatar)));
            }
            index++;
        }

        var inserted = accepted.Count == 0
            ? []
            : await store.RegisterAsync(request.App.AppId, accepted.ConvertAll(a => a.User), cancellationToken);
        var registered = 0;
        for (var i = 0; i < accepted.Count; i++)
        {
            if (inserted[i])
            {
                registered++;
            }
            else
            {
                errors[accepted[i].Index] = Exists(accepted[i].User.UserId, "it is already registered in this app");
            }
        }

        var errorList = errors.OfType<UserError>().ToList();
        var (code, message) = BatchOutcome.Of(registered, errorList, "registered");
        return new UserRegisterResponse { Code = code, Message = message, ErrorList = errorList };
    }

    private static UserError Exists(string userId, string why) =>
        new(userId, ZimCode.UserExists, $"User already exists: {why}.");
}
