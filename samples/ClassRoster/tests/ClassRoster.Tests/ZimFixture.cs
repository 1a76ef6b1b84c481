using Zim.Emulator;

[assembly: AssemblyFixture(typeof(ClassRoster.Tests.ZimFixture))]

namespace ClassRoster.Tests;

/// <summary>One emulator for the whole test assembly; each test class resets it before each of its tests.</summary>
public sealed class ZimFixture : IAsyncLifetime
{
    public ZimEmulator Emulator { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Emulator = await ZimEmulator.StartAsync();

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
