using System.Diagnostics;

namespace Zim.Testing;

/// <summary>Runs a system command (mount, chattr) and returns its exit code; -1 when it is not installed.</summary>
internal static class Commands
{
    public static int Run(string command, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
