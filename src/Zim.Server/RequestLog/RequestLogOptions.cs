using System.ComponentModel.DataAnnotations;

namespace Zim.Server.RequestLog;

/// <summary>Section <c>RequestLog</c>: how many recent calls each app keeps in memory, for the admin API, and whether with their bodies.</summary>
internal sealed class RequestLogOptions
{
    public const string Section = "RequestLog";

    /// <summary>Calls kept per app, newest replacing oldest; 0 keeps none.</summary>
    [Range(0, 100_000)]
    public int PerApp { get; set; } = 1000;

    /// <summary>Whether each logged call keeps its request body (off: nothing is copied).</summary>
    public bool Bodies { get; set; }

    /// <summary>The most bytes of a body kept; a longer one is cut there, on a character boundary.</summary>
    [Range(1, 65_536)]
    public int MaxBodyBytes { get; set; } = 4096;
}
