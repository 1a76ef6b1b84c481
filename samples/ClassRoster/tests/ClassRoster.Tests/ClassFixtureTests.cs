using Zim.Emulator;
using Zim.Protocol.Wire;

namespace ClassRoster.Tests;

/// <summary>An emulator for this class alone (a class fixture), with its own app and users seeded at start.</summary>
public sealed class ClassFixtureTests(ClassFixtureTests.SeededEmulator zim) : IClassFixture<ClassFixtureTests.SeededEmulator>
{
    [Fact]
    public async Task TheSeededTeacherIsKnownBeforeAnyRegistration()
    {
        var names = await new RosterService(zim.Emulator.CreateClient()).NamesAsync(["t-ada"], TestContext.Current.CancellationToken);

        Assert.Equal(["Ada Lovelace"], names);
        Assert.Equal(7001u, zim.Emulator.AppId);
    }

    public sealed class SeededEmulator : IAsyncLifetime
    {
        public ZimEmulator Emulator { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var options = new ZimEmulatorOptions();
            options.Apps.Add(new ZimEmulatorApp(7001, "00112233445566778899aabbccddeeff") { QpsLimit = 50 });
            options.SeedUsers.Add(new RegisterUserInfo("t-ada", "Ada Lovelace"));
            Emulator = await ZimEmulator.StartAsync(options);
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
