using System.CommandLine;
using System.Text.Json;
using Zim.Cli.Commands;
using Zim.Protocol.Admin;

namespace Zim.Cli.Admin;

/// <summary>
/// <c>zim faults get|set|next|clear</c>: an app's fault settings (--app-id or ZIM_APP_ID) over the admin API, in the
/// memory of the server instance called.
/// </summary>
internal static class FaultsCommand
{
    public static Command Create(ConnectionOptions connection, AdminConnection admin, CliHost host)
    {
        var get = new Command("get", "Print the app's fault settings, with the counts its rules still have.");
        get.SetAction((parsed, ct) => RunAsync(connection, admin, host, parsed, HttpMethod.Get, "", null, ct));

        var internalError = Share("--internal-error-share", "Share of calls answered 660000001 (0 to 1)");
        var rateLimit = Share("--rate-limit-share", "Share of calls answered with the action's rate-limit code (0 to 1)");
        var latencyShare = Share("--latency-share", "Share of calls delayed by --latency-ms (0 to 1)");
        var latencyMs = new Option<int?>("--latency-ms") { Description = "The delay in milliseconds (0 to 60000)" };
        var set = new Command("set", "Replace the app's fault settings: shares not given are 0, and waiting rules are dropped (add them after, with next).")
        {
            internalError, rateLimit, latencyShare, latencyMs,
        };
        set.SetAction((parsed, ct) =>
        {
            var given = new[] { parsed.GetValue(internalError), parsed.GetValue(rateLimit), parsed.GetValue(latencyShare) };
            if (given.All(share => share is null) && parsed.GetValue(latencyMs) is null)
            {
                return Task.FromResult(host.Fail("Give at least one of --internal-error-share, --rate-limit-share, --latency-share, --latency-ms; zim faults clear turns every fault off."));
            }
            var settings = new FaultSettings(given[0] ?? 0, given[1] ?? 0, given[2] ?? 0, parsed.GetValue(latencyMs) ?? 0);
            return RunAsync(connection, admin, host, parsed, HttpMethod.Put, "", JsonSerializer.Serialize(settings, CliJson.Default.FaultSettings), ct);
        });

        var action = new Option<string>("--action") { Description = "The action whose calls get the code (UserRegister, QueryUserInfos, ...); every action when left out" };
        var count = new Option<int>("--count") { Description = $"How many calls get it (1 to {FaultRule.MaxCount})", DefaultValueFactory = _ => 1 };
        var code = new Option<int>("--code") { Description = "The code they answer with (not 0)", Required = true };
        var message = new Option<string>("--message") { Description = "Their Message (default: a sentence chosen by the code)" };
        var next = new Command("next", "Make the next --count calls of --action answer --code, after the rules already waiting; the rest stays.")
        {
            action, count, code, message,
        };
        next.SetAction((parsed, ct) =>
        {
            var rule = new FaultRule(parsed.GetValue(action), parsed.GetValue(count), parsed.GetValue(code), parsed.GetValue(message));
            return RunAsync(connection, admin, host, parsed, HttpMethod.Post, "/next", JsonSerializer.Serialize(rule, CliJson.Default.FaultRule), ct);
        });

        var clear = new Command("clear", "Turn every fault of the app off, rules included.");
        clear.SetAction((parsed, ct) => RunAsync(connection, admin, host, parsed, HttpMethod.Delete, "", null, ct));

        return new Command("faults", "Inject faults into an app's calls, to test a client's retries (needs ZIM_ADMIN_TOKEN).") { get, set, next, clear };
    }

    private static Option<double?> Share(string name, string description) => new(name) { Description = description };

    private static Task<int> RunAsync(
        ConnectionOptions connection, AdminConnection admin, CliHost host, ParseResult parsed, HttpMethod method, string rest, string? json, CancellationToken ct) =>
        connection.ReadAppId(parsed, host, out var error) is { } appId
            ? admin.RunAsync(host, parsed, method, AdminConnection.AppPath(appId, "/faults" + rest), json, ct)
            : Task.FromResult(host.Fail(error!));
}
