using Microsoft.Extensions.Options;
using Zim.Server.Storage;

namespace Zim.Server.Secrets;

/// <summary>The key that seals the apps' secrets and, while the key is being changed, the one before it.</summary>
internal sealed partial class SecretKeyring(byte[] current, byte[]? previous)
{
    public const string DefaultFileName = "secrets.key";

    public byte[] Current { get; } = current;

    public byte[]? Previous { get; } = previous;

    /// <summary>
    /// The configured key, or the key file's; with neither configured, the generated file in the data
    /// folder, created on first start. Says in the log where the key came from, never what it is.
    /// </summary>
    public static SecretKeyring Load(IOptions<SecretsOptions> options, IOptions<StorageOptions> storage, ILogger<SecretKeyring> logger)
    {
        var settings = options.Value;
        var previous = SecretKey.TryParse(settings.PreviousKey, out var old) ? old : null;
        if (SecretKey.TryParse(settings.Key, out var key))
        {
            LogKeySource(logger, "the setting Secrets:Key");
            return new SecretKeyring(key, previous);
        }
        if (settings.KeyFile.Length > 0)
        {
            var configured = Path.GetFullPath(settings.KeyFile);
            WarnIfOthersMayRead(logger, configured);
            LogKeySource(logger, configured);
            return new SecretKeyring(SecretKey.Read(configured), previous);
        }
        var path = Path.Combine(storage.Value.DataFolder(), DefaultFileName);
        var (generated, created) = SecretKey.ReadOrCreate(path);
        if (created)
        {
            LogKeyCreated(logger, path);
        }
        else
        {
            WarnIfOthersMayRead(logger, path);
            LogKeySource(logger, path);
        }
        return new SecretKeyring(generated, previous);
    }

    private static void WarnIfOthersMayRead(ILogger logger, string path)
    {
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & others) != 0)
        {
            LogKeyReadable(logger, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the key that encrypts the apps' secrets in the database: {KeyPath}. Back it up apart from the database: without it the stored secrets cannot be read. Every instance sharing the database needs the same key (Secrets__Key or Secrets__KeyFile).")]
    private static partial void LogKeyCreated(ILogger logger, string keyPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "The apps' secrets in the database are encrypted with the key from {KeySource}")]
    private static partial void LogKeySource(ILogger logger, string keySource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key file {KeyPath} may be read by other users than its owner; chmod 600 it")]
    private static partial void LogKeyReadable(ILogger logger, string keyPath);
}
