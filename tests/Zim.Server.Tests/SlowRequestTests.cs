using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Zim.Protocol;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>Slowloris-style requests time out, oversized headers are refused, and the server keeps serving.</summary>
public sealed class SlowRequestTests : IAsyncLifetime
{
    private readonly SqliteTestStore store = new();
    private ServerProcess server = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = store.Environment(TestApp.A);
        settings["Kestrel__Limits__RequestHeadersTimeout"] = "00:00:02";
        server = await ServerProcess.StartAsync(Path.GetTempPath(), settings);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        store.Dispose();
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Address.Port, TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>Reads until the server closes the connection; returns what it sent and how long that took.</summary>
    private static async Task<(string Answer, TimeSpan Elapsed)> UntilClosedAsync(NetworkStream stream, Func<Task>? trickle = null)
    {
        var started = DateTime.UtcNow;
        var buffer = new byte[4096];
        var answer = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            int read;
            try
            {
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
            }
            catch (IOException)
            {
                // A reset is a close too.
            }
        });
        if (trickle is not null)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await trickle();
                }
                catch (IOException)
                {
                    // The server hung up on the trickle: that is the point.
                }
            });
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return (answer.ToString(), DateTime.UtcNow - started);
    }

    [Fact]
    public async Task HeadersThatNeverFinishAreCutOff()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /?Action=UserRegister HTTP/1.1\r\nHost: x\r\nX-Slow: "), TestContext.Current.CancellationToken);
        var (_, elapsed) = await UntilClosedAsync(stream);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        await ServerStillServesAsync();
    }

    [Fact]
    public async Task ABodyTrickledByteByByteIsCutOff()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
        var head = $"POST /?{ZimCaller.Query(caller.Common("UserRegister"))} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        var (answer, elapsed) = await UntilClosedAsync(stream, async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await stream.WriteAsync("{"u8.ToArray());
                await Task.Delay(500);
            }
        });
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("HTTP/1.1 5", answer, StringComparison.Ordinal);
        await ServerStillServesAsync();
    }

    [Fact]
    public async Task OversizedHeadersAreRefusedWith431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Big", new string('x', 40 * 1024));
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        await ServerStillServesAsync();
    }

    private async Task ServerStillServesAsync()
    {
        var caller = new ZimCaller(server.Http, TestApp.A, TimeProvider.System);
        Assert.Equal(ZimCode.Success, (await caller.PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }
}
