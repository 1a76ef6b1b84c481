using System.Text.Json;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;

namespace Zim.Server.Friends;

/// <summary>
/// The course the friend POSTs with a list share: read the body (whole-call failures first, then each entry's
/// own checks), let the store decide the valid entries under the pair's locks, answer 660500002 when
/// FromUserId is not registered, and otherwise build the answer from the outcomes.
/// </summary>
internal abstract class FriendListPost<T, TResult>(TimeProvider clock) : IActionHandler
    where TResult : class
{
    public abstract ZimAction Action { get; }

    /// <summary>The list's property name.</summary>
    protected virtual string ListName => "UserIds";

    /// <summary>The required 0/1 number of the body (DeleteType, CheckType), if any.</summary>
    protected virtual string? TypeName => null;

    /// <summary>Whether the list holds objects (an entry of another kind fails the whole call).</summary>
    protected virtual bool Objects => false;

    public abstract ZimResponse Reject(int code, string message);

    /// <summary>A reader of this call's entries (it may remember the ids seen so far).</summary>
    protected abstract Func<JsonElement, string, string, FriendEntry<T>> EntryReader(long now, ActionLimits limits);

    protected abstract Task<TResult?> DecideAsync(uint appId, FriendBody<T> body, long now, CancellationToken cancellationToken);

    protected abstract ZimResponse Answer(FriendBody<T> body, TResult result);

    public async Task<ZimResponse> HandleAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (read, code, problem) = FriendBody<T>.Read(request.Body, ListName, request.Limits.FriendBatchMax, TypeName, Objects, EntryReader(now, request.Limits));
        if (read is null)
        {
            return Reject(code, problem);
        }
        var body = read with { Limits = request.Limits };
        if (await DecideAsync(request.App.AppId, body, now, cancellationToken) is not { } result)
        {
            var (refusal, sentence) = FriendAnswers.NotRegistered(body.FromUserId);
            return Reject(refusal, sentence);
        }
        return Answer(body, result);
    }

    /// <summary>The failure list in request order and section 2's Code, for an answer with an <c>ErrorList</c>.</summary>
    protected (int Code, string Message, List<UserError> Errors) Outcome(FriendBody<T> body, Storage.FriendOutcome[] outcomes, string pastTense,
        bool allUnregistered = false)
    {
        var errors = FriendAnswers.Errors(body.Entries, outcomes, body.Limits.FriendsMax, out var succeeded);
        var (code, message) = FriendAnswers.Code(succeeded, errors, pastTense, allUnregistered);
        return (code, message, errors);
    }
}
