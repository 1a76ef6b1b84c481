using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Zim.Emulator;
using Zim.Protocol.Callbacks;
using Zim.Server.Callbacks;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>The delivery of callbacks to a real receiver on loopback, on a clock the test moves.</summary>
public sealed class CallbackSenderTests : IAsyncDisposable
{
    private const string Secret = "callback-secret-0123456789";
    private const uint App = 42;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CallbackLog log;
    private readonly CallbackSender sender;

    public CallbackSenderTests()
    {
        var options = Options.Create(new CallbackOptions { QueueCapacity = 3, LogPerApp = 100 });
        log = new CallbackLog(options);
        sender = new CallbackSender(new SocketsHttpHandler(), clock, options, log, NullLogger<CallbackSender>.Instance);
    }

    public ValueTask DisposeAsync() => sender.DisposeAsync();

    [Fact]
    public async Task ACallbackArrivesSignedAndIsLoggedAsDelivered()
    {
        await using var receiver = await ZimCallbackReceiver.StartAsync(Secret, TestContext.Current.CancellationToken);

        Assert.True(sender.Enqueue(App, receiver.Url, Login("ann")));

        var got = await receiver.WaitForAsync(c => true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(got.IsSignatureValid);
        Assert.Equal("ann", got.Body!.UserId);
        await Until(() => log.Read(App, 10).Count == 1);
        var delivery = Assert.Single(log.Read(App, 10));
        Assert.Equal((1, 200, "delivered"), (delivery.Attempt, delivery.Status, delivery.Outcome));
        Assert.Null(delivery.Error);
    }

    [Fact]
    public async Task AReceiverThatAnswers500IsSentTheIdenticalBodyAgainTwoSecondsLater()
    {
        await using var receiver = await ZimCallbackReceiver.StartAsync(Secret, TestContext.Current.CancellationToken);
        receiver.AnswerNext(500);

        sender.Enqueue(App, receiver.Url, Login("bob"));
        await Until(() => log.Read(App, 10).Count == 1);
        clock.Advance(TimeSpan.FromMilliseconds(1900));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Single(receiver.Received);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await Until(() => log.Read(App, 10).Count == 2);

        Assert.Equal([500, 200], receiver.Received.Select(r => r.AnsweredStatus));
        Assert.Equal(receiver.Received[0].RawBody, receiver.Received[1].RawBody);
        Assert.Equal(["delivered", "retrying"], log.Read(App, 10).Select(d => d.Outcome));
        Assert.Equal(0, sender.InFlight);
    }

    [Fact]
    public async Task ADeadReceiverGetsSixAttemptsOnTheVendorsScheduleAndTheEventIsThenDropped()
    {
        var dead = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}/");

        Assert.True(sender.Enqueue(App, dead, Login("cat")));
        foreach (var (delay, attempts) in CallbackSender.RetryDelays.Select((d, i) => (d, i + 1)))
        {
            await Until(() => log.Read(App, 10).Count == attempts);
            clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.Equal(attempts, log.Read(App, 10).Count);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        await Until(() => sender.InFlight == 0);

        var attemptsMade = log.Read(App, 10).Reverse().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], attemptsMade.Select(d => d.Attempt));
        Assert.Equal("dropped", attemptsMade[^1].Outcome);
        Assert.All(attemptsMade, d => Assert.StartsWith("The receiver could not be reached", d.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReceiverThatDoesNotAnswerWithinThreeSecondsFailsThatAttempt()
    {
        await using var receiver = await ZimCallbackReceiver.StartAsync(Secret, TestContext.Current.CancellationToken);
        receiver.Delay = TimeSpan.FromSeconds(30);

        var timer = Stopwatch.StartNew();
        sender.Enqueue(App, receiver.Url, Login("dan"));
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(1), "enqueueing waited for the receiver");
        await receiver.WaitForAsync(c => true, cancellationToken: TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(3));
        await Until(() => log.Read(App, 10).Count == 1);

        var failed = Assert.Single(log.Read(App, 10));
        Assert.Equal(("retrying", (int?)null), (failed.Outcome, failed.Status));
        Assert.Contains("3000 ms", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheQueueIsFullANewEventIsDroppedAtOnceAndLogged()
    {
        var dead = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}/");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(sender.Enqueue(App, dead, Login($"u{i}")));
        }

        Assert.False(sender.Enqueue(App, dead, Login("one-too-many")));

        var dropped = log.Read(App, 100).Single(d => d.UserId == "one-too-many");
        Assert.Equal(("dropped", 1), (dropped.Outcome, dropped.Attempt));
        Assert.Contains("already waiting", dropped.Error, StringComparison.Ordinal);
    }

    private UserActionCallback Login(string user)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        const string nonce = "123412";
        return new UserActionCallback(App.ToString(System.Globalization.CultureInfo.InvariantCulture), UserActionCallback.UserActionEvent, now, nonce,
            CallbackSignature.Compute(Secret, now, nonce), user, user, "WEB", UserAction.Online, $"s-{user}", now, "0");
    }

    private static async Task Until(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
