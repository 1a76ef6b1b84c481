namespace Zim.Server.Faults;

internal static class FaultsSetup
{
    /// <summary>Fault injection, off until set per app (through the admin API).</summary>
    public static IServiceCollection AddZimFaults(this IServiceCollection services) => services.AddSingleton<FaultInjector>();
}
