using Microsoft.Extensions.Logging;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Emulator;

/// <summary>What <see cref="ZimEmulator.StartAsync"/> starts: everything optional.</summary>
public sealed class ZimEmulatorOptions
{
    /// <summary>The apps to serve; none means the development app (<see cref="ZimEmulatorApp.Development"/>).</summary>
    public IList<ZimEmulatorApp> Apps { get; } = new List<ZimEmulatorApp>();

    /// <summary>The bearer token of the admin API; the well-known development token by default.</summary>
    public string AdminToken { get; set; } = ZimDevelopment.AdminToken;

    /// <summary>Users registered in the first app before <see cref="ZimEmulator.StartAsync"/> returns.</summary>
    public IList<RegisterUserInfo> SeedUsers { get; } = new List<RegisterUserInfo>();

    /// <summary>
    /// Any other server setting of the README, by its configuration key: <c>["Api:UserNameMaxBytes"] = "256"</c>.
    /// The store, the address and the apps are the emulator's own.
    /// </summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True to keep each call's request body in the request log (<see cref="ZimEmulator.GetRequestsAsync"/>), so that a test
    /// can assert what its code sent; off by default, as on the server (<c>RequestLog:Bodies</c>).
    /// </summary>
    public bool KeepRequestBodies { get; set; }

    /// <summary>The least severe server log entry written to the console; warnings by default, so tests stay quiet.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}
