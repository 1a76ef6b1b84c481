using Zim.Protocol;

namespace ClassRoster.Tests;

// The tests of a class run one after the other on the assembly's emulator, which is reset before each;
// the other test class starts an emulator of its own, so the two never see each other's users.
public sealed class RosterServiceTests(ZimFixture zim) : IAsyncLifetime
{
    private static readonly Roster Class7B = new("7B", new Person("t-ada", "Ada Lovelace"),
        [new Person("s-alan", "Alan Turing"), new Person("s-grace", "Grace Hopper"), new Person("s-edsger", "Edsger Dijkstra")]);

    private RosterService Service => new(zim.Emulator.CreateClient());

    public async ValueTask InitializeAsync() => await zim.Emulator.ResetAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TheTeacherAndEveryStudentAreRegisteredWithTheirNames()
    {
        var report = await Service.RegisterAsync(Class7B, TestContext.Current.CancellationToken);

        Assert.Equal(4, report.Registered);
        Assert.True(report.EveryoneCanLogIn);
        var names = await Service.NamesAsync(["t-ada", "s-alan", "s-grace", "s-edsger"], TestContext.Current.CancellationToken);
        Assert.Equal(["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"], names);
    }

    [Fact]
    public async Task RegisteringTheClassAgainChangesNothing()
    {
        await Service.RegisterAsync(Class7B, TestContext.Current.CancellationToken);

        var again = await Service.RegisterAsync(Class7B, TestContext.Current.CancellationToken);

        Assert.Equal((0, 4), (again.Registered, again.AlreadyRegistered));
    }

    [Fact]
    public async Task AStudentWhoseIdTheServiceRefusesIsReportedAndTheOthersAreRegistered()
    {
        var roster = Class7B with { Students = [.. Class7B.Students, new Person("s-no spaces allowed", "Bad Id")] };

        var report = await Service.RegisterAsync(roster, TestContext.Current.CancellationToken);

        Assert.Equal((4, 1), (report.Registered, report.Rejected));
        Assert.False(report.EveryoneCanLogIn);
    }

    [Fact]
    public async Task AServerThatFailsTwiceIsRetriedAndEveryoneIsRegistered()
    {
        await zim.Emulator.FailNextAsync(ZimAction.UserRegister, 2, ZimCode.InternalError, cancellationToken: TestContext.Current.CancellationToken);

        var report = await Service.RegisterAsync(Class7B, TestContext.Current.CancellationToken);

        Assert.Equal(4, report.Registered);
        var calls = await zim.Emulator.GetRequestsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([0, ZimCode.InternalError, ZimCode.InternalError], calls.Select(call => call.Code));
    }
}
