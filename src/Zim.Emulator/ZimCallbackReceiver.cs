using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Zim.Protocol;
using Zim.Protocol.Callbacks;
using Zim.Protocol.Wire;

namespace Zim.Emulator;

/// <summary>One callback as a <see cref="ZimCallbackReceiver"/> got it.</summary>
/// <param name="Body">The callback, parsed; null when the body was not one.</param>
/// <param name="RawBody">The body exactly as it came (a retry's is identical).</param>
/// <param name="IsSignatureValid">True when its signature is right for the receiver's CallbackSecret.</param>
/// <param name="AnsweredStatus">The HTTP status the receiver answered with.</param>
/// <param name="ReceivedAt">When it arrived, by the system clock.</param>
public sealed record ReceivedCallback(UserActionCallback? Body, string RawBody, bool IsSignatureValid, int AnsweredStatus, DateTimeOffset ReceivedAt);

/// <summary>
/// A receiver of server callbacks for tests, in process on a free loopback port: it records what arrives, checks
/// each signature against the CallbackSecret, and answers 200, or the statuses and delay a test asks for (to play
/// a receiver that fails, then recovers, or is slow).
/// </summary>
public sealed class ZimCallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string callbackSecret;
    private readonly ConcurrentQueue<int> nextStatuses = new();
    private readonly List<ReceivedCallback> received = [];

    private ZimCallbackReceiver(WebApplication app, string callbackSecret)
    {
        this.app = app;
        this.callbackSecret = callbackSecret;
    }

    /// <summary>Where to send callbacks.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How long to wait before answering each callback; none by default.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Everything received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedCallback> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>Starts a receiver that checks signatures with the development CallbackSecret, the emulator's default.</summary>
    public static Task<ZimCallbackReceiver> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(ZimDevelopment.CallbackSecret, cancellationToken);

    /// <summary>Starts a receiver that checks signatures with <paramref name="callbackSecret"/>.</summary>
    public static async Task<ZimCallbackReceiver> StartAsync(string callbackSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callbackSecret);
        var builder = WebApplication.CreateSlimBuilder();
        // Nothing of the test process's environment or working folder (Kestrel endpoints above all) reaches it.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new ZimCallbackReceiver(app, callbackSecret);
        app.MapPost("/", receiver.ReceiveAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        receiver.Url = new Uri(app.Urls.First() + "/");
        return receiver;
    }

    /// <summary>The next callbacks are answered with these statuses, in order (then 200 again).</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            nextStatuses.Enqueue(status);
        }
    }

    /// <summary>The first callback received (or already there) that <paramref name="match"/> accepts; throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<ReceivedCallback> WaitForAsync(Func<ReceivedCallback, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var until = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"No matching callback arrived; {Received.Count} arrived in all.");
            }
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the receiver.</summary>
    public async ValueTask DisposeAsync() => await app.DisposeAsync().ConfigureAwait(false);

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        UserActionCallback? body = null;
        try
        {
            body = JsonSerializer.Deserialize(raw, ZimJson.Context.UserActionCallback);
        }
        catch (JsonException)
        {
            // Recorded as it came, unparsed, for the test to see.
        }
        var signed = body?.IsSignedWith(callbackSecret) == true;
        int status;
        lock (received)
        {
            status = nextStatuses.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
            received.Add(new ReceivedCallback(body, raw, signed, status, DateTimeOffset.UtcNow));
        }
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ConfigureAwait(false);
        }
        context.Response.StatusCode = status;
    }
}
