using System.Security.Cryptography;

namespace Zim.Server.Secrets;

/// <summary>Keys as operators write them (base64 of 32 bytes), in settings or in a file.</summary>
internal static class SecretKey
{
    public const int Size = 32;

    public static bool TryParse(string text, out byte[] key)
    {
        key = [];
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            if (bytes.Length != Size)
            {
                return false;
            }
            key = bytes;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Why the file cannot serve as a key (to follow its path in a sentence); null when it can.</summary>
    public static string? ProblemWithFile(string path)
    {
        try
        {
            return !File.Exists(path) ? $"{path} does not exist."
                : TryParse(File.ReadAllText(path), out _) ? null
                : $"{path} must hold the base64 of {Size} bytes.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read: {e.Message}";
        }
    }

    /// <summary>
    /// A value that tells keys apart without revealing them, stored beside the secrets so that an
    /// instance with another key refuses to start before it writes anything.
    /// </summary>
    public static string Check(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, "zim app secrets key check"u8));

    public static byte[] Read(string path) =>
        TryParse(File.ReadAllText(path), out var key) ? key
            : throw new StartupRefusal($"The key file {path} must hold the base64 of {Size} bytes; restore it from its backup.");

    /// <summary>
    /// Writes <paramref name="key"/> to <paramref name="path"/>, readable by the owner only, unless a file is
    /// there already (another instance may have won the race); returns the key in the file and whether it is new.
    /// </summary>
    public static (byte[] Key, bool Created) ReadOrCreate(string path, byte[] key)
    {
        if (File.Exists(path))
        {
            return (Read(path), false);
        }
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // never readable by others, not even for a moment
            }
            using (var file = new FileStream(temporary, options))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
                file.Flush(flushToDisk: true);
            }
            // Without overwriting: a file that appeared meanwhile is the key to use, not one to replace.
            File.Move(temporary, path, overwrite: false);
            return (key, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return (Read(path), false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusal(
                $"Cannot create the key file {path} ({e.Message}); make its folder writable, or set Secrets__Key or Secrets__KeyFile.", e);
        }
    }
}
