namespace Zim.Cli;

/// <summary>The exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked was done.</summary>
    public const int Success = 0;
    /// <summary>Done, but some users were rejected, not found or failed: see the output or the report.</summary>
    public const int Partial = 1;
    /// <summary>Bad usage or configuration: nothing was sent.</summary>
    public const int Usage = 2;
    /// <summary>The server or the network failed and the command stopped; re-running continues.</summary>
    public const int Stopped = 3;
    /// <summary>Interrupted (Ctrl+C); re-running continues.</summary>
    public const int Interrupted = 130;
}
