using System.Diagnostics;
using System.Globalization;

namespace Zim.Bench;

/// <summary>
/// Where the time of one run went, from the kernel's counters: CPU of the server processes and of their
/// SQLite writer and WAL-sync threads, CPU of the load generator, and bytes the servers wrote to disk.
/// Percentages are of one core; the machine has <see cref="Environment.ProcessorCount"/>.
/// </summary>
internal sealed record Usage(double ServerCpu, double WriterCpu, double SyncCpu, double BenchCpu, double KibPerUser)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Counters of the servers and this process now.</summary>
    public static Sample Take(IReadOnlyList<int> serverPids) => new(
        Stopwatch.GetTimestamp(),
        serverPids.Sum(pid => Ticks($"/proc/{pid}/stat")),
        serverPids.Sum(pid => ThreadTicks(pid, "sqlite-writer")),
        serverPids.Sum(pid => ThreadTicks(pid, "sqlite-wal-sync")),
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        serverPids.Sum(WrittenBytes));

    /// <summary>The usage between two samples, per registered user where it is a volume.</summary>
    public static Usage Between(Sample before, Sample after, long usersRegistered)
    {
        var seconds = Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds;
        double Percent(double ticks) => 100 * ticks / TicksPerSecond / seconds;
        return new Usage(
            Percent(after.ServerTicks - before.ServerTicks),
            Percent(after.WriterTicks - before.WriterTicks),
            Percent(after.SyncTicks - before.SyncTicks),
            100 * (after.BenchSeconds - before.BenchSeconds) / seconds,
            usersRegistered == 0 ? 0 : (after.WrittenBytes - before.WrittenBytes) / 1024.0 / usersRegistered);
    }

    public sealed record Sample(long Timestamp, long ServerTicks, long WriterTicks, long SyncTicks, double BenchSeconds, long WrittenBytes);

    // utime and stime: fields 14 and 15 of /proc/.../stat, counted after the parenthesised command name.
    private static long Ticks(string statPath)
    {
        try
        {
            var stat = File.ReadAllText(statPath);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // the thread or process ended
        }
    }

    private static long ThreadTicks(int pid, string threadName)
    {
        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            if (File.Exists(Path.Combine(task, "comm")) && File.ReadAllText(Path.Combine(task, "comm")).Trim() == threadName)
            {
                ticks += Ticks(Path.Combine(task, "stat"));
            }
        }
        return ticks;
    }

    /// <summary>Bytes the process has caused to be written to storage so far.</summary>
    public static long WrittenBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/io").FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
