using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Zim.Protocol.Admin;
using Zim.Protocol.Callbacks;
using Zim.Protocol.Wire;

namespace Zim.Server.Callbacks;

/// <summary>
/// Delivers server callbacks without ever making a caller wait: <see cref="Enqueue"/> returns at once, and each
/// event is sent on its own (a slow or dead receiver delays only its own events), with a timeout per attempt and,
/// after a failure, the same body again 2, 4, 8, 16 and 32 s after the attempt before (six attempts in all), then
/// dropped. Events waiting or retrying are bounded; beyond the bound a new event is dropped and logged. At least
/// once, best effort, as the vendor's are; events of one user may arrive out of order.
/// </summary>
internal sealed partial class CallbackSender : IAsyncDisposable
{
    /// <summary>The vendor's schedule: the wait after each failed attempt.</summary>
    public static readonly TimeSpan[] RetryDelays = [.. new[] { 2, 4, 8, 16, 32 }.Select(s => TimeSpan.FromSeconds(s))];

    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly HttpClient http;
    private readonly TimeProvider clock;
    private readonly CallbackOptions options;
    private readonly CallbackLog log;
    private readonly ILogger<CallbackSender> logger;
    private readonly SemaphoreSlim sends;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, byte> deliveries = new();
    private int inFlight;

    public CallbackSender(HttpMessageHandler network, TimeProvider clock, IOptions<CallbackOptions> options, CallbackLog log, ILogger<CallbackSender> logger)
    {
        // Each attempt has its own timeout on the injected clock; the client's own would run on real time.
        http = new HttpClient(network) { Timeout = Timeout.InfiniteTimeSpan };
        this.clock = clock;
        this.options = options.Value;
        this.log = log;
        this.logger = logger;
        sends = new SemaphoreSlim(this.options.MaxConcurrentSends);
    }

    /// <summary>Events accepted and not yet delivered or dropped.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Queues one callback to <paramref name="url"/>; false (and a "dropped" entry in the log) when the queue is full.</summary>
    public bool Enqueue(uint appId, Uri url, UserActionCallback callback)
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        if (Interlocked.Increment(ref inFlight) > options.QueueCapacity)
        {
            Interlocked.Decrement(ref inFlight);
            Record(appId, callback, 1, null, $"Not sent: {options.QueueCapacity} callbacks are already waiting or being retried.", "dropped");
            LogDropped(logger, callback.Event, callback.Action, appId, "the queue is full");
            return false;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(callback, ZimJson.Context.UserActionCallback);
        var delivery = DeliverAsync(appId, url, callback, body);
        deliveries.TryAdd(delivery, 0);
        _ = delivery.ContinueWith(done => deliveries.TryRemove(done, out _), TaskScheduler.Default);
        return true;
    }

    /// <summary>Stops retrying: events not delivered yet are dropped (this instance is going away).</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        await stopping.CancelAsync();
        await Task.WhenAll(deliveries.Keys);
        http.Dispose();
        sends.Dispose();
    }

    private async Task DeliverAsync(uint appId, Uri url, UserActionCallback callback, byte[] body)
    {
        try
        {
            // Off the caller's thread before anything can block.
            await Task.Yield();
            for (var attempt = 1; attempt <= RetryDelays.Length + 1; attempt++)
            {
                var (status, error) = await AttemptAsync(url, body);
                // The next attempt is due this long after this one failed (a timeout included), not after it began.
                var failedAt = clock.GetUtcNow();
                var last = attempt == RetryDelays.Length + 1;
                var outcome = error is null ? "delivered" : last ? "dropped" : "retrying";
                Record(appId, callback, attempt, status, error, outcome);
                if (error is null)
                {
                    return;
                }
                if (last)
                {
                    LogDropped(logger, callback.Event, callback.Action, appId, $"{attempt} attempts failed, the last: {error}");
                    return;
                }
                var wait = failedAt + RetryDelays[attempt - 1] - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: an event still being retried is not delivered by this instance.
        }
        catch (Exception e)
        {
            // A URL the client cannot send to, or a bug: the event is dropped, and says so, instead of vanishing.
            Record(appId, callback, 1, null, $"Not sent: {e.Message}", "dropped");
            LogDropped(logger, callback.Event, callback.Action, appId, e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task<(int? Status, string? Error)> AttemptAsync(Uri url, byte[] body)
    {
        await sends.WaitAsync(stopping.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.TimeoutMs), clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping.Token);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(url, content, either.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null) : (status, $"The receiver answered HTTP {status}.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (null, $"No answer within {options.TimeoutMs} ms.");
        }
        catch (HttpRequestException e)
        {
            return (null, $"The receiver could not be reached: {e.Message}");
        }
        finally
        {
            sends.Release();
        }
    }

    private void Record(uint appId, UserActionCallback callback, int attempt, int? status, string? error, string outcome) =>
        log.Add(appId, new CallbackDelivery(clock.GetUtcNow(), callback.Event, callback.Action, callback.UserId, callback.SessionId,
            attempt, status, error, outcome));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped the {Event} callback (action {Action}) of app {AppId}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string @event, int action, uint appId, string reason);
}
