using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Zim.Server.Storage;

namespace Zim.Server.Secrets;

/// <summary>
/// A key for the secrets and where it is kept, in words for the operator (never the key). <see cref="NewFile"/>
/// is set while the key is a new one that this start generated and has not written yet.
/// </summary>
internal sealed record SecretKeyChoice(byte[] Key, string Location, string? NewFile);

/// <summary>
/// Where this server's key comes from: the setting Secrets:Key, the file Secrets:KeyFile, or else the key file in the
/// data folder, generated on first start. Says in the log where the key came from, never what it is.
/// </summary>
internal sealed partial class SecretKeySource(IOptions<SecretsOptions> options, IOptions<StorageOptions> storage, ILogger<SecretKeySource> logger)
{
    public const string DefaultFileName = "secrets.key";

    public byte[]? Previous => SecretKey.TryParse(options.Value.PreviousKey, out var previous) ? previous : null;

    /// <summary>The configured key or the key file's; with neither, a new key for the data folder's file, written by nothing yet.</summary>
    public SecretKeyChoice Choose()
    {
        var settings = options.Value;
        if (SecretKey.TryParse(settings.Key, out var key))
        {
            LogKeySource(logger, "the setting Secrets:Key");
            return new(key, $"the setting Secrets__Key on host {Environment.MachineName}", null);
        }
        var path = settings.KeyFile.Length > 0 ? Path.GetFullPath(settings.KeyFile) : Path.Combine(storage.Value.DataFolder(), DefaultFileName);
        var location = $"{path} on host {Environment.MachineName}";
        if (settings.KeyFile.Length == 0 && !File.Exists(path))
        {
            return new(RandomNumberGenerator.GetBytes(SecretKey.Size), location, path);
        }
        WarnIfOthersMayRead(path);
        LogKeySource(logger, path);
        return new(SecretKey.Read(path), location, null);
    }

    /// <summary>Writes a new key to its file, or takes the key of a file another instance wrote there meanwhile; true when written.</summary>
    public (SecretKeyChoice Kept, bool Written) Keep(SecretKeyChoice generated)
    {
        var path = generated.NewFile!;
        var (key, written) = SecretKey.ReadOrCreate(path, generated.Key);
        if (written)
        {
            LogKeyCreated(logger, path);
        }
        else
        {
            WarnIfOthersMayRead(path);
            LogKeySource(logger, path);
        }
        return (generated with { Key = key, NewFile = null }, written);
    }

    private void WarnIfOthersMayRead(string path)
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
