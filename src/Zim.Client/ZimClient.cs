using System.Collections.Concurrent;
using System.Text;
using Zim.Client.Pacing;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Client;

/// <summary>
/// A typed client of the ZIM user API. Every attempt of every call is signed with a fresh nonce; calls are
/// paced to <see cref="ZimClientOptions.QpsLimit"/> per action, and calls refused for the rate limit, failed
/// with 660000001 or lost in transport are retried with backoff and jitter. Thread-safe.
/// </summary>
public sealed partial class ZimClient
{
    private readonly ZimTransport transport;
    private readonly ConcurrentDictionary<string, WindowPacer> pacers = new(StringComparer.Ordinal);

    /// <summary>Creates a client that sends through <paramref name="http"/> (its base address is not used).</summary>
    public ZimClient(HttpClient http, ZimClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        transport = new ZimTransport(http, options);
    }

    /// <summary>The options this client was made with.</summary>
    public ZimClientOptions Options { get; }

    /// <summary><c>UserRegister</c>: registers up to 100 users; the answer's <c>ErrorList</c> names each user not registered.</summary>
    public Task<UserRegisterResponse> RegisterUsersAsync(IReadOnlyList<RegisterUserInfo> users, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.UserRegister, new UserRegisterRequest(users), ZimJson.Context.UserRegisterRequest,
            ZimJson.Context.UserRegisterResponse, cancellationToken);

    /// <summary><c>QueryUserInfos</c>: the profiles of up to 100 users.</summary>
    public Task<QueryUserInfosResponse> QueryUserInfosAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.QueryUserInfos, new QueryUserInfosRequest(userIds), ZimJson.Context.QueryUserInfosRequest,
            ZimJson.Context.QueryUserInfosResponse, cancellationToken);

    /// <summary><c>ModifyUserInfo</c>: changes up to 100 users; a null property is left unchanged.</summary>
    public Task<ModifyUserInfoResponse> ModifyUserInfoAsync(IReadOnlyList<UserInfoChange> changes, CancellationToken cancellationToken = default) =>
        CallAsync(ZimAction.ModifyUserInfo, new ModifyUserInfoRequest(changes), ZimJson.Context.ModifyUserInfoRequest,
            ZimJson.Context.ModifyUserInfoResponse, cancellationToken);

    /// <summary><c>QueryUserOnlineState</c>: the online state of up to 100 users (a GET with repeated <c>UserId[]</c>).</summary>
    public Task<QueryUserOnlineStateResponse> QueryUserOnlineStateAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var query = new StringBuilder();
        foreach (var id in userIds)
        {
            query.Append("&UserId[]=").Append(Uri.EscapeDataString(id));
        }
        return CallAsync<QueryUserOnlineStateResponse>(ZimAction.QueryUserOnlineState,
            () => transport.SendAsync(ZimAction.QueryUserOnlineState, query.ToString(), null, ZimJson.Context.QueryUserOnlineStateResponse, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// The signed common query parameters of one call of <paramref name="action"/> (fresh nonce, current
    /// time), without a leading '?': for debugging with curl. Valid once, for 600 seconds.
    /// </summary>
    public string SignedQuery(ZimAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return transport.SignedQuery(action);
    }

    private Task<TResponse> CallAsync<TRequest, TResponse>(ZimAction action, TRequest request,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> requestType,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : ZimResponse
    {
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return CallAsync(action, () => transport.SendAsync(action, "", body, responseType, cancellationToken), cancellationToken);
    }

    private async Task<TResponse> CallAsync<TResponse>(ZimAction action, Func<Task<TResponse>> send, CancellationToken cancellationToken)
        where TResponse : ZimResponse
    {
        var pacer = Options.QpsLimit > 0
            ? pacers.GetOrAdd(action.Name, _ => new WindowPacer(Options.QpsLimit, Options.Clock))
            : null;
        var failures = 0;
        var refusals = 0;
        while (true)
        {
            var window = pacer is null ? 0 : await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan delay;
            try
            {
                var response = await send().ConfigureAwait(false);
                if (response.Code == action.RateLimitCode && ++refusals < Options.MaxRateLimitedAttempts)
                {
                    pacer?.Saturate(window);
                    // Spread the refused callers over the next window instead of sending them all at its start.
                    delay = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
                }
                else if (IsTransient(response.Code) && ++failures < Options.MaxAttempts)
                {
                    delay = Backoff(failures);
                }
                else
                {
                    return response;
                }
            }
            catch (Exception exception) when (ZimTransport.IsTransportFailure(exception, cancellationToken) && ++failures < Options.MaxAttempts)
            {
                delay = Backoff(failures);
            }
            await Task.Delay(delay, Options.Clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>660000001 (internal error, nothing changed) and 1 (the real service's "server busy").</summary>
    private static bool IsTransient(int code) => code is ZimCode.InternalError or 1;

    private TimeSpan Backoff(int failures)
    {
        var ceiling = Options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        ceiling = Math.Min(ceiling, Options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
