using Microsoft.Extensions.DependencyInjection;
using Zim.Protocol;
using Zim.Server.Auth;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// A flood of unique nonces keeps the replay cache bounded by the 600-second window, without weakening
/// replay protection: only correctly signed calls add entries, and every replay inside the window is refused.
/// </summary>
public sealed class NonceFloodTests(ZimFactory factory) : IClassFixture<ZimFactory>
{
    private const int Flood = 20_000;
    private readonly ZimCaller caller = factory.Caller(TestApp.A);

    private MemoryNonceStore Nonces => factory.Services.GetRequiredService<MemoryNonceStore>();

    [Fact]
    public async Task UnsignedFloodsAddNothingAndSignedOnesLeaveWithTheirWindow()
    {
        var before = Nonces.Count;
        var body = Json.Ids("x");

        // Wrongly signed calls with unique nonces: refused, and not remembered.
        for (var i = 0; i < Flood; i += 100)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            {
                var parameters = caller.Common("QueryUserInfos")
                    .Select(p => p.Key == "Signature" ? new KeyValuePair<string, string>(p.Key, new string('0', 32)) : p);
                return caller.SendAsync(HttpMethod.Post, ZimCaller.Query(parameters), body);
            }));
        }
        Assert.Equal(before, Nonces.Count);

        // Correctly signed calls with unique nonces: each remembered for its window.
        var sent = new List<string>();
        for (var i = 0; i < Flood; i += 100)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => ZimCaller.Query(caller.Common("QueryUserInfos"))).ToList();
            sent.AddRange(batch);
            await Task.WhenAll(batch.Select(query => caller.SendAsync(HttpMethod.Post, query, body)));
        }
        Assert.Equal(before + Flood, Nonces.Count);

        // Every replay inside the window is refused (a sample of 500 spread over the flood).
        factory.Clock.Advance(TimeSpan.FromSeconds(590));
        foreach (var query in sent.Where((_, i) => i % (Flood / 500) == 0))
        {
            var replay = await caller.SendAsync(HttpMethod.Post, query, body);
            Assert.Equal(ZimCode.SignatureInvalid, replay.Code);
        }

        // Past the window the entries go, on the sweep that the next call triggers.
        factory.Clock.Advance(TimeSpan.FromSeconds(20));
        await caller.PostAsync("QueryUserInfos", body);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Nonces.Count > before + 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        Assert.InRange(Nonces.Count, 0, before + 1);
    }
}
