using Zim.Emulator;
using Zim.Protocol.Wire;

namespace ClassRoster.Tests;

/// <summary>An emulator of the test's own, in three lines, beside the shared one.</summary>
public sealed class ThreeLineTests
{
    [Fact]
    public async Task AnEmulatorOfItsOwnKnowsNothingOfTheSharedOne()
    {
        await using var zim = await ZimEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await zim.CreateClient().RegisterUsersAsync([new RegisterUserInfo("s-own", "Own")], TestContext.Current.CancellationToken);

        var names = await new RosterService(zim.CreateClient()).NamesAsync(["s-own", "t-ada"], TestContext.Current.CancellationToken);

        Assert.Equal(["Own", null], names);
    }
}
