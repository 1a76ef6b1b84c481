using System.CommandLine;

namespace Zim.Cli.Admin;

/// <summary>
/// <c>zim apps list|create|set|rotate-secret|rotate-callback-secret|callbacks|delete</c> over the admin API; answers are
/// printed as the server's JSON.
/// </summary>
internal static class AppsCommand
{
    public static Command Create(AdminConnection admin, CliHost host)
    {
        var name = new Option<string>("--name") { Description = "The app's name" };
        var qps = new Option<int?>("--qps-limit") { Description = "Calls per second per action (0 = unlimited)" };
        var newId = new Option<uint?>("--new-app-id") { Description = "The AppId to create (default: a random one)" };
        var callbackUrl = new Option<string?>("--callback-url") { Description = "Where the login/logout callbacks go (http or https; \"\" stops them)" };

        var list = new Command("list", "List the apps served, with their user counts (never their secrets).");
        list.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Get, "/admin/api/apps", null, ct));

        var create = new Command("create", "Create an app; prints it with its ServerSecret and CallbackSecret, which are shown this once.")
        {
            name, qps, newId, callbackUrl,
        };
        create.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Post, "/admin/api/apps",
            AdminText.Object(("AppId", parsed.GetValue(newId)), ("Name", parsed.GetValue(name)), ("QpsLimit", parsed.GetValue(qps)),
                ("CallbackUrl", parsed.GetValue(callbackUrl))), ct));

        var set = WithApp("set", "Change an app's name, QpsLimit or callback URL.", name, qps, callbackUrl);
        set.Command.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Patch, Path(parsed, set.AppId),
            AdminText.Object(("Name", parsed.GetValue(name)), ("QpsLimit", parsed.GetValue(qps)), ("CallbackUrl", parsed.GetValue(callbackUrl))), ct));

        var grace = new Option<int?>("--grace-seconds") { Description = "How long the old secret still signs (default 3600; 0 = refused at once)" };
        var rotate = WithApp("rotate-secret", "Give an app a new secret; prints it, shown this once. The old one signs until the grace period ends.", grace);
        rotate.Command.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Post,
            Path(parsed, rotate.AppId) + "/secret" + (parsed.GetValue(grace) is { } seconds ? $"?graceSeconds={seconds}" : ""), null, ct));

        var rotateCallback = WithApp("rotate-callback-secret", "Give an app a new CallbackSecret; prints it, shown this once. It signs the next callback.");
        rotateCallback.Command.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Post, Path(parsed, rotateCallback.AppId) + "/callback-secret", null, ct));

        var limit = new Option<int?>("--limit") { Description = "At most this many (default 100, at most 1000)" };
        var callbacks = WithApp("callbacks", "The app's last callback deliveries by this server, newest first: one per attempt.", limit);
        callbacks.Command.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Get,
            Path(parsed, callbacks.AppId) + "/callbacks" + (parsed.GetValue(limit) is { } most ? $"?limit={most}" : ""), null, ct));

        var delete = WithApp("delete", "Delete an app and all its users.");
        delete.Command.SetAction((parsed, ct) => admin.RunAsync(host, parsed, HttpMethod.Delete, Path(parsed, delete.AppId), null, ct));

        return new Command("apps", "Manage the server's apps through its admin API (needs ZIM_ADMIN_TOKEN).")
        {
            list, create, set.Command, rotate.Command, rotateCallback.Command, callbacks.Command, delete.Command,
        };
    }

    private static (Command Command, Argument<uint> AppId) WithApp(string name, string description, params Option[] options)
    {
        var appId = new Argument<uint>("APPID") { Description = "The app's AppId" };
        var command = new Command(name, description) { appId };
        foreach (var option in options)
        {
            command.Add(option);
        }
        return (command, appId);
    }

    private static string Path(ParseResult parsed, Argument<uint> appId) => AdminConnection.AppPath(parsed.GetValue(appId));
}
