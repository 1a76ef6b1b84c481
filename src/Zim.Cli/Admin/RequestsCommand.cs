using System.CommandLine;
using System.Globalization;
using Zim.Cli.Commands;

namespace Zim.Cli.Admin;

/// <summary><c>zim requests [--code C] [--after SEQ] [--limit N]</c>: the app's recent calls on the server instance called, newest first.</summary>
internal static class RequestsCommand
{
    public static Command Create(ConnectionOptions connection, AdminConnection admin, CliHost host)
    {
        var code = new Option<int?>("--code") { Description = "Only calls answered with this Code" };
        var after = new Option<long?>("--after") { Description = "Only calls after this Seq (the newest Seq seen, to watch for more)" };
        var limit = new Option<int?>("--limit") { Description = "At most this many (1 to 1000; default 100)" };
        var command = new Command("requests", "Print the app's recent calls from the server's request log (needs ZIM_ADMIN_TOKEN).") { code, after, limit };
        command.SetAction((parsed, ct) =>
        {
            if (connection.ReadAppId(parsed, host, out var error) is not { } appId)
            {
                return Task.FromResult(host.Fail(error!));
            }
            var query = string.Join('&', new (string Name, object? Value)[] { ("code", parsed.GetValue(code)), ("after", parsed.GetValue(after)), ("limit", parsed.GetValue(limit)) }
                .Where(p => p.Value is not null)
                .Select(p => p.Name + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));
            return admin.RunAsync(host, parsed, HttpMethod.Get, AdminConnection.AppPath(appId, "/requests" + (query.Length > 0 ? "?" + query : "")), null, ct);
        });
        return command;
    }
}
