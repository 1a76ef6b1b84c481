using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Auth;
using Zim.Server.Faults;
using Zim.Server.RateLimits;

namespace Zim.Server.Api;

/// <summary>
/// The single path of the API: authenticate, rate-limit, check the method, read the body, run the action,
/// and answer with an HTTP 200 envelope whatever happened (HTTP 413 only for an over-large body).
/// </summary>
internal sealed class ZimDispatcher(
    Authenticator authenticator,
    IRateLimiter rateLimiter,
    INonceStore nonces,
    IEnumerable<IActionHandler> handlers,
    RequestIds requestIds,
    FailureLog failures,
    IOptions<ApiOptions> options,
    ILogger<ZimDispatcher> logger,
    IEnumerable<ICallObserver> observers,
    FaultInjector faults)
{
    private readonly FrozenDictionary<string, IActionHandler> byAction = handlers.ToFrozenDictionary(h => h.Action.Name);
    private readonly ICallObserver[] observers = [.. observers];
    // 0 unless an observer keeps bodies: then, and only then, a body nobody read is read for it.
    private readonly int bodyWanted = observers.Select(observer => observer.BodyBytesWanted).DefaultIfEmpty().Max();

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = requestIds.Next();
        context.Response.Headers["X-Request-Id"] = requestId;

        var (status, response, auth, body) = await AnswerAsync(context, requestId);
        if (bodyWanted > 0 && body is null && status == StatusCodes.Status200OK)
        {
            // Before the answer: a client waiting for "100 Continue" sends no body once it has the answer.
            body = await BodyReader.ReadStartAsync(context, bodyWanted, context.RequestAborted);
        }

        response = response with { RequestId = requestId };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        try
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, response, ZimJson.Context.GetTypeInfo(response.GetType())!, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller left; what was decided stands, there is just nobody to tell.
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var actionName = auth?.Action?.Name ?? "-";
        ApiLog.Answered(logger, actionName, auth?.AppId, response.Code, elapsed.TotalMilliseconds, requestId);
        var call = new AnsweredCall(auth?.AppId, actionName, response.Code, response.Message, elapsed, requestId, context.Request.ContentLength ?? 0,
            bodyWanted > 0 ? body : null);
        foreach (var observer in observers)
        {
            observer.Observe(call);
        }
    }

    private async Task<(int Status, ZimResponse Response, AuthResult? Auth, ReadOnlyMemory<byte>? Body)> AnswerAsync(HttpContext context, string requestId)
    {
        var maxBytes = options.Value.MaxRequestBodyBytes;
        if (BodyReader.DeclaredTooLarge(context.Request, maxBytes))
        {
            return TooLarge(requestId, maxBytes, null, null);
        }
        AuthResult? auth = null;
        IActionHandler? handler = null;
        ReadOnlyMemory<byte>? read = null;
        try
        {
            auth = await authenticator.AuthenticateAsync(context.Request.Query);
            handler = auth.Action is null ? null : byAction[auth.Action.Name];
            if (!auth.Succeeded)
            {
                return (200, Shaped(handler, auth.Code, auth.Message), auth, null);
            }
            var action = auth.Action!;
            var app = auth.App!;
            if (await faults.ApplyAsync(app.AppId, action, context.RequestAborted) is { } injected)
            {
                // Like a refused call, an injected failure changes nothing and leaves the nonce usable.
                await nonces.ReleaseAsync(app.AppId, auth.Nonce);
                return (200, handler!.Reject(injected.Code, injected.Message), auth, null);
            }
            if (!await rateLimiter.TryAcquireAsync(app.AppId, action, app.QpsLimit))
            {
                // A refused call changes nothing, so its nonce stays usable for the retry.
                await nonces.ReleaseAsync(app.AppId, auth.Nonce);
                return (200, handler!.Reject(action.RateLimitCode,
                    $"Too many {action.Name} calls: this app may make {app.QpsLimit} per second. Retry in the next second."), auth, null);
            }
            if (!HttpMethods.Equals(context.Request.Method, action.Method))
            {
                return (200, handler!.Reject(ZimCode.InvalidParameter, $"{action.Name} must be called with {action.Method}, not {context.Request.Method}."), auth, null);
            }
            if (handler!.ReadsBody)
            {
                if (await BodyReader.ReadAsync(context, maxBytes, context.RequestAborted) is not { } whole)
                {
                    // Refused before the action ran: like a rate-limited call, it leaves its nonce usable.
                    await nonces.ReleaseAsync(app.AppId, auth.Nonce);
                    return TooLarge(requestId, maxBytes, auth, handler);
                }
                read = whole;
            }
            return (200, await handler!.HandleAsync(new ActionRequest(app, read ?? default, context.Request.QueryString.Value, ActionLimits.Of(options.Value, app.Limits)), context.RequestAborted), auth, read);
        }
        catch (BadHttpRequestException exception)
        {
            // The connection broke the HTTP rules (a body too slow, cut short, or malformed): a deliberate 4xx.
            const string message = "The request body was malformed or arrived too slowly.";
            return (exception.StatusCode, Shaped(handler, ZimCode.InvalidParameter, message), auth, read);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            failures.Report(exception, auth?.Action?.Name ?? "-", auth?.AppId, requestId);
            const string message = "Internal error; the call changed nothing. Retry it.";
            return (200, Shaped(handler, ZimCode.InternalError, message), auth, read);
        }
    }

    /// <summary>A failure in the action's shape when the action is known, else a plain envelope.</summary>
    private static ZimResponse Shaped(IActionHandler? handler, int code, string message) =>
        handler?.Reject(code, message) ?? new ZimResponse { Code = code, Message = message };

    private (int, ZimResponse, AuthResult?, ReadOnlyMemory<byte>?) TooLarge(string requestId, int maxBytes, AuthResult? auth, IActionHandler? handler)
    {
        ApiLog.BodyTooLarge(logger, requestId, maxBytes);
        var message = $"The request body is larger than {maxBytes} bytes.";
        return (StatusCodes.Status413PayloadTooLarge,
            Shaped(handler, ZimCode.InvalidParameter, message), auth, null);
    }
}
