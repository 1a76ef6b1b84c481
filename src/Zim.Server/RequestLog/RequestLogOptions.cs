using System.ComponentModel.DataAnnotations;

namespace Zim.Server.RequestLog;

/// <summary>Section <c>RequestLog</c>: how many recent calls each app keeps in memory, for the admin API.</summary>
internal sealed class RequestLogOptions
{
    public const string Section = "RequestLog";

    /// <summary>Calls kept per app, newest replacing oldest; 0 keeps none.</summary>
    [Range(0, 100_000)]
    public int PerApp { get; set; } = 1000;
}
