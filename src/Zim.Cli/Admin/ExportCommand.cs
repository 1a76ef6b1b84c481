using System.CommandLine;
using Zim.Cli.Commands;

namespace Zim.Cli.Admin;

/// <summary><c>zim users export [--format csv|jsonl] [--output FILE]</c>: every user of the app, streamed from the admin API.</summary>
internal static class ExportCommand
{
    public static Command Create(ConnectionOptions connection, AdminConnection admin, CliHost host)
    {
        var format = new Option<string>("--format") { Description = "csv (the columns zim users import reads, plus Extra) or jsonl", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var output = new Option<FileInfo>("--output", "-o") { Description = "Write here instead of standard output" };
        var command = new Command("export", "Export every user of the app (--app-id or ZIM_APP_ID) through the admin API; needs ZIM_ADMIN_TOKEN.") { format, output };
        command.SetAction(async (parsed, ct) =>
        {
            if (connection.ReadAppId(parsed, host, out var error) is not { } appId)
            {
                return host.Fail(error!);
            }
            if (admin.Client(parsed, host, out error) is not { } http)
            {
                return host.Fail(error!);
            }
            using (http)
            {
                return await ExportAsync(host, http, appId, parsed.GetValue(format)!, parsed.GetValue(output), ct);
            }
        });
        return command;
    }

    private static async Task<int> ExportAsync(CliHost host, HttpClient http, uint appId, string format, FileInfo? output, CancellationToken ct)
    {
        try
        {
            var path = AdminConnection.AppPath(appId, $"/users/export?format={format}");
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return host.Fail($"{(int)response.StatusCode}: {AdminText.ErrorOf(await response.Content.ReadAsStringAsync(ct))}", ExitCodes.Stopped);
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            if (output is null)
            {
                // Through the host's writer, line by line, so memory stays flat for any number of users.
                using var reader = new StreamReader(body);
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    await host.Out.WriteLineAsync(line);
                }
            }
            else
            {
                await using var file = output.Create();
                await body.CopyToAsync(file, ct);
            }
            return ExitCodes.Success;
        }
        catch (HttpRequestException exception)
        {
            return host.Fail(exception.Message, ExitCodes.Stopped);
        }
    }
}
