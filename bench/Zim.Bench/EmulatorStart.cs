using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Zim.Emulator;

namespace Zim.Bench;

/// <summary>
/// What a test suite pays for an emulator: the time from <see cref="ZimEmulator.StartAsync"/> to its first
/// answered call, in this process, against the same for a bare ASP.NET Core host (one route, no store)
/// measured alternately in the same run. The first start of each includes the JIT's first compilation,
/// as a test suite's first emulator does.
/// </summary>
internal static class EmulatorStart
{
    private const int Starts = 20;
    private const double TargetMs = 1000;

    public static async Task RunAsync(string outputDirectory)
    {
        Console.WriteLine($"Starting Zim.Emulator and a bare host {Starts} times each, alternately...");
        var emulator = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < Starts; i++)
        {
            emulator.Add(await TimeAsync(StartEmulatorAsync));
            bare.Add(await TimeAsync(StartBareHostAsync));
        }
        var markdown = Markdown(emulator, bare);
        Console.WriteLine(markdown);
        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "emulator-start.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "emulator-start.json"),
            JsonSerializer.Serialize(new { EmulatorMs = emulator, BareHostMs = bare, Median = Stats.Median(emulator), BareMedian = Stats.Median(bare) }));
    }

    private static async Task<double> TimeAsync(Func<Stopwatch, Task> start)
    {
        var clock = Stopwatch.StartNew();
        await start(clock);
        return clock.Elapsed.TotalMilliseconds;
    }

    // The clock stops at the first answer; disposing is not part of the start.
    private static async Task StartEmulatorAsync(Stopwatch clock)
    {
        await using var zim = await ZimEmulator.StartAsync();
        var answer = await zim.CreateClient().QueryUserInfosAsync(["first"]);
        clock.Stop();
        if (answer.Code == 0 || answer.ErrorList.Count != 1)
        {
            throw new InvalidOperationException($"the emulator's first answer was not the expected 'not found': {answer.Code}");
        }
    }

    private static async Task StartBareHostAsync(Stopwatch clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var answer = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        clock.Stop();
        await app.StopAsync();
        if (answer != "ok")
        {
            throw new InvalidOperationException("the bare host did not answer");
        }
    }

    private static string Markdown(List<double> emulator, List<double> bare)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Zim.Emulator start to its first answered call, in process, {Starts} starts alternating with a bare ASP.NET Core host (one route, no store). Machine: {Environment.ProcessorCount} cores.");
        text.AppendLine();
        text.AppendLine("| | first start (cold JIT) | median of 20 | fastest-slowest of the other 19 |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Zim.Emulator | {emulator[0]:0} ms | {Stats.Median(emulator):0} ms | {emulator.Skip(1).Min():0}-{emulator.Skip(1).Max():0} ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| bare host | {bare[0]:0} ms | {Stats.Median(bare):0} ms | {bare.Skip(1).Min():0}-{bare.Skip(1).Max():0} ms |");
        text.AppendLine();
        var met = Stats.Median(emulator) < TargetMs;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Target: median start to first answer < {TargetMs:0} ms: {Stats.Median(emulator):0} ms, {(met ? "met" : "**not met**")} ({Stats.Median(emulator) / Stats.Median(bare):0.0}x the bare host's median).");
        return text.ToString();
    }
}
