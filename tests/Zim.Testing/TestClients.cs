using Zim.Client;

namespace Zim.Testing;

/// <summary>The real client library, pointed at a test server.</summary>
public static class TestClients
{
    /// <summary>
    /// A client of the in-process server. It is unpaced (the server clock is the test's and only moves when
    /// the test moves it) and retries without delay.
    /// </summary>
    public static ZimClient Client(this ZimFactory factory, TestApp app, DelegatingHandler? through = null)
    {
        HttpMessageHandler handler = factory.Server.CreateHandler();
        if (through is not null)
        {
            through.InnerHandler = handler;
            handler = through;
        }
        return new ZimClient(new HttpClient(handler), Options(app, factory.Server.BaseAddress, factory.Clock) with
        {
            QpsLimit = 0,
            RetryDelay = TimeSpan.Zero,
        });
    }

    /// <summary>A client of a server process, on the real clock, paced to the app's limit.</summary>
    public static ZimClient Client(this ServerProcess server, TestApp app, DelegatingHandler? through = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler();
        if (through is not null)
        {
            through.InnerHandler = handler;
            handler = through;
        }
        return new ZimClient(new HttpClient(handler), Options(app, server.Address, TimeProvider.System) with { QpsLimit = app.QpsLimit });
    }

    public static ZimClientOptions Options(TestApp app, Uri endpoint, TimeProvider clock) => new()
    {
        AppId = app.AppId,
        ServerSecret = app.ServerSecret,
        Endpoint = endpoint,
        Clock = clock,
    };
}
