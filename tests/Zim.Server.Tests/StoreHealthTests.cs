using Microsoft.Extensions.Time.Testing;
using Zim.Server.Storage.Sqlite;

namespace Zim.Server.Tests;

public sealed class StoreHealthTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public void AFailureCountsUntilTheWindowHasPassedOnTheInjectedClock()
    {
        var health = new StoreHealth(clock);
        Assert.False(health.RecentlyFailing(Window));
        health.Failed();
        Assert.True(health.RecentlyFailing(Window));
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True(health.RecentlyFailing(Window));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(health.RecentlyFailing(Window));
    }

    [Fact]
    public void ASuccessAfterAFailureEndsItEvenAtTheSameInstant()
    {
        var health = new StoreHealth(clock);
        health.Failed();
        health.Succeeded();
        Assert.False(health.RecentlyFailing(Window));
        health.Failed();
        Assert.True(health.RecentlyFailing(Window));
    }
}
