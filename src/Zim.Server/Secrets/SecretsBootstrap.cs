using Zim.Server.Apps;
using Zim.Server.Storage;

namespace Zim.Server.Secrets;

/// <summary>
/// Runs at start, before the apps are loaded: settles the key, refusing one other than the one the stored
/// secrets were sealed with, then seals every secret still stored in clear text (a database from before
/// sealing) or with the previous key. Instances starting together on one database may both do it: each
/// replacement only applies to the row as it was read, so none undoes another's.
/// </summary>
internal sealed partial class SecretsBootstrap(
    SecretKeySource source, SecretKeyring keys, SecretCipher cipher, IAppStore apps, IAdminStore settings, ILogger<SecretsBootstrap> logger)
{
    private const int MaxPasses = 10;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (key, writtenFile) = await SettleKeyAsync(cancellationToken);
        keys.Settle(key.Key, source.Previous);
        var current = KeyCheck.Of(key);
        var (row, _) = await settings.GetOrAddSettingAsync(KeyCheck.Setting, current.ToString(), cancellationToken);
        var stored = KeyCheck.Parse(row);
        var changingKey = stored.Check != current.Check;
        if (changingKey && (keys.Previous is null || stored.Check != SecretKey.Check(keys.Previous)))
        {
            if (writtenFile is not null)
            {
                // Another instance, starting on this new database at the same moment, recorded its key first.
                File.Delete(writtenFile);
            }
            throw new StartupRefusal(
                "The apps' secrets in this database were encrypted with another key than this server's. Every instance sharing the " +
                "database must use the same Secrets__Key (or Secrets__KeyFile); to change the key, start once with the old one as " +
                $"Secrets__PreviousKey. The instance that encrypted them keeps the key {stored.Where}.");
        }
        var resealed = await SealAllAsync(cancellationToken);
        if (changingKey)
        {
            await settings.SetSettingAsync(KeyCheck.Setting, current.ToString(), cancellationToken);
        }
        if (resealed > 0)
        {
            await apps.PurgeReplacedSecretsAsync(cancellationToken);
            LogSealed(logger, resealed);
        }
    }

    /// <summary>
    /// The key to use, and the key file this start wrote, if any: a generated key is written only while no secret
    /// in the database is sealed. Otherwise another instance sealed them with a key this one was not given, and
    /// it refuses to start before writing anything.
    /// </summary>
    private async Task<(SecretKeyChoice Key, string? WrittenFile)> SettleKeyAsync(CancellationToken cancellationToken)
    {
        var choice = source.Choose();
        if (choice.NewFile is not { } file)
        {
            return (choice, null);
        }
        if ((await apps.ListStoredSecretsAsync(cancellationToken)).Any(row => SecretCipher.IsSealed(row.ServerSecret)))
        {
            // The check is recorded before anything is sealed, so this reads it and adds nothing; were it missing,
            // the start goes on as a first one, and opening the sealed secrets refuses.
            var (row, added) = await settings.GetOrAddSettingAsync(KeyCheck.Setting, KeyCheck.Of(choice).ToString(), cancellationToken);
            if (!added)
            {
                throw new StartupRefusal(
                    "The apps' secrets in this database are encrypted with a key this server was not given, so it wrote no key of its own. " +
                    $"The instance that encrypted them keeps the key {KeyCheck.Parse(row).Where}. Give this server the same key, as " +
                    "Secrets__Key (its base64, as a key file holds it) or Secrets__KeyFile (a file holding it): every instance sharing the database needs it.");
            }
        }
        var (kept, written) = source.Keep(choice);
        return (kept, written ? file : null);
    }

    private async Task<int> SealAllAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var raced = false;
            foreach (var row in await apps.ListStoredSecretsAsync(cancellationToken))
            {
                if (Resealed(row) is not { } replacement)
                {
                    continue;
                }
                if (await apps.ReplaceStoredSecretsAsync(row, replacement, cancellationToken))
                {
                    count++;
                }
                else
                {
                    raced = true; // changed meanwhile (by another instance): read it again
                }
            }
            if (!raced)
            {
                break;
            }
        }
        return count;
    }

    private StoredSecrets? Resealed(StoredSecrets row)
    {
        if (cipher.IsSealedWithCurrentKey(row.AppId, row.ServerSecret)
            && (row.PreviousSecret is null || cipher.IsSealedWithCurrentKey(row.AppId, row.PreviousSecret))
            && (row.CallbackSecret is null || cipher.IsSealedWithCurrentKey(row.AppId, row.CallbackSecret)))
        {
            return null;
        }
        return new StoredSecrets(row.AppId, Reseal(row.AppId, row.ServerSecret), ResealOptional(row.AppId, row.PreviousSecret),
            ResealOptional(row.AppId, row.CallbackSecret));
    }

    private string Reseal(uint appId, string stored) => cipher.Seal(appId, cipher.Open(appId, stored));

    private string? ResealOptional(uint appId, string? stored) => stored is null ? null : Reseal(appId, stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted the stored secrets of {Count} apps (they were in clear text, or encrypted with the previous key)")]
    private static partial void LogSealed(ILogger logger, int count);
}
