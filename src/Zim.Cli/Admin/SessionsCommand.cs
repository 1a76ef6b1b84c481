using System.CommandLine;
using System.Net;
using System.Text.Json;
using Zim.Cli.Commands;
using Zim.Protocol.Admin;
using Zim.Protocol.Tokens;

namespace Zim.Cli.Admin;

/// <summary>
/// <c>zim login USERID</c> (a Token04 made from the app's secret, or <c>--token</c>) and <c>zim sessions</c>
/// (<c>list [--user U]</c>, <c>logout SESSIONID</c>, <c>disconnect SESSIONID</c>), over the server's login path.
/// </summary>
internal static class SessionsCommand
{
    public static Command Login(ConnectionOptions connection, AdminConnection admin, CliHost host)
    {
        var userId = new Argument<string>("USERID") { Description = "The user who logs in (registered by the login if new)" };
        var token = new Option<string?>("--token") { Description = "A Token04 of your own making; by default zim makes one from the app's secret" };
        var name = new Option<string?>("--user-name") { Description = "The name a new user is registered with" };
        var os = new Option<string>("--os") { Description = "The client's platform: PC, IOS_PHONE, ANDROID, MAC, LINUX, WEB, MINIPROGRAM, ANDROID_TV", DefaultValueFactory = _ => "WEB" };
        var command = new Command("login", "Log a user in on the server's login path (needs ZIM_ADMIN_TOKEN); prints the session.") { userId, token, name, os };
        command.SetAction((parsed, ct) =>
        {
            var user = parsed.GetValue(userId)!;
            var given = parsed.GetValue(token);
            uint appId;
            if (given is null)
            {
                if (connection.Credentials(parsed, host, out var error) is not { } credentials)
                {
                    return Task.FromResult(host.Fail(error!));
                }
                appId = credentials.AppId;
                given = Token04.Generate(appId, credentials.Secret, user, TimeSpan.FromHours(24), "", host.Clock);
            }
            else if (connection.ReadAppId(parsed, host, out var error) is { } id)
            {
                appId = id;
            }
            else
            {
                return Task.FromResult(host.Fail(error!));
            }
            var body = JsonSerializer.Serialize(new LoginRequest(user, given, parsed.GetValue(name), parsed.GetValue(os)), CliJson.Default.LoginRequest);
            return admin.RunAsync(host, parsed, HttpMethod.Post, AdminConnection.AppPath(appId, "/sessions"), body, ct);
        });
        return command;
    }

    public static Command Sessions(ConnectionOptions connection, AdminConnection admin, CliHost host)
    {
        var user = new Option<string?>("--user") { Description = "Only this user's sessions" };
        var list = new Command("list", "The app's sessions, newest login first.") { user };
        list.SetAction((parsed, ct) => WithApp(connection, parsed, host, appId => admin.RunAsync(host, parsed, HttpMethod.Get,
            AdminConnection.AppPath(appId, "/sessions" + (parsed.GetValue(user) is { } u ? "?userId=" + WebUtility.UrlEncode(u) : "")), null, ct)));
        return new Command("sessions", "List and end sessions of the server's login path (needs ZIM_ADMIN_TOKEN).")
        {
            list,
            End("logout", "logout", "End a session as a logout: the client logged out.", connection, admin, host),
            End("disconnect", "offline", "End a session as a lost connection: the user stays Offline for 120 s.", connection, admin, host),
        };
    }

    private static Command End(string name, string how, string description, ConnectionOptions connection, AdminConnection admin, CliHost host)
    {
        var session = new Argument<string>("SESSIONID") { Description = "The session, as zim login or zim sessions list printed it" };
        var command = new Command(name, description) { session };
        command.SetAction((parsed, ct) => WithApp(connection, parsed, host, appId => admin.RunAsync(host, parsed, HttpMethod.Delete,
            AdminConnection.AppPath(appId, $"/sessions/{WebUtility.UrlEncode(parsed.GetValue(session))}?how={how}"), null, ct)));
        return command;
    }

    private static Task<int> WithApp(ConnectionOptions connection, ParseResult parsed, CliHost host, Func<uint, Task<int>> run) =>
        connection.ReadAppId(parsed, host, out var error) is { } appId ? run(appId) : Task.FromResult(host.Fail(error!));
}
