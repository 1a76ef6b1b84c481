using System.Globalization;
using System.Security.Cryptography;
using Zim.Protocol;

namespace Zim.Server.Ephemeral;

/// <summary>
/// <c>Ephemeral=true</c> (<c>zim serve --ephemeral</c>, the emulator): a SQLite store in a private temporary
/// folder that is deleted with the server, a secrets key that exists only in memory, the well-known
/// development app and admin token unless others are configured, and loopback addresses only. See decision 0008.
/// </summary>
internal static class EphemeralSetup
{
    public const string Key = "Ephemeral";

    /// <summary>
    /// Null unless the configuration asks for an ephemeral server; otherwise the folder of its store, which
    /// the caller deletes (by disposing it) once the server is disposed.
    /// </summary>
    public static EphemeralFolder? Apply(ConfigurationManager configuration)
    {
        if (!IsRequested(configuration))
        {
            return null;
        }
        if (!string.IsNullOrEmpty(configuration["Storage:ConnectionString"]) || !string.IsNullOrEmpty(configuration["Storage:Provider"]))
        {
            throw new StartupRefusal("Ephemeral keeps its store in a temporary folder of its own; remove the Storage settings, or drop Ephemeral to use them.");
        }
        if (LoopbackOnly.FirstOutside(configuration) is { } outside)
        {
            throw new StartupRefusal($"Ephemeral serves loopback addresses only (it answers with well-known credentials); {outside} is not one. Use http://127.0.0.1:PORT.");
        }
        var folder = EphemeralFolder.Create();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={folder.DatabaseFile}",
            // Standard output carries only the ready line, for scripts; the log goes to standard error.
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        };
        if (string.IsNullOrEmpty(configuration["Secrets:Key"]) && string.IsNullOrEmpty(configuration["Secrets:KeyFile"]))
        {
            settings["Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        // No app given, or only the development app's callback URL (Apps__0__CallbackUrl): the development app.
        if (configuration.GetSection("Apps").GetChildren().All(app => string.IsNullOrEmpty(app["AppId"])))
        {
            settings["Apps:0:AppId"] = ZimDevelopment.AppId.ToString(CultureInfo.InvariantCulture);
            settings["Apps:0:ServerSecret"] = ZimDevelopment.ServerSecret;
            settings["Apps:0:Name"] = "development app";
            if (string.IsNullOrEmpty(configuration["Apps:0:CallbackSecret"]))
            {
                settings["Apps:0:CallbackSecret"] = ZimDevelopment.CallbackSecret;
            }
        }
        if (string.IsNullOrEmpty(configuration["Admin:Token"]))
        {
            settings["Admin:Token"] = ZimDevelopment.AdminToken;
        }
        configuration.AddInMemoryCollection(settings);
        return folder;
    }

    /// <summary>
    /// The line a script reads to find an ephemeral server started on port 0: where it listens, its first
    /// app and the admin token, as shell assignments.
    /// </summary>
    public static string ReadyLine(IConfiguration configuration, Uri endpoint) =>
        $"ZIM_ENDPOINT={endpoint.GetLeftPart(UriPartial.Authority)} ZIM_APP_ID={configuration["Apps:0:AppId"]} "
        + $"ZIM_SERVER_SECRET={configuration["Apps:0:ServerSecret"]} ZIM_ADMIN_TOKEN={configuration["Admin:Token"]}";

    private static bool IsRequested(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        return bool.TryParse(value, out var on) ? on
            : throw new StartupRefusal($"Ephemeral must be true or false, not '{value}'.");
    }
}
