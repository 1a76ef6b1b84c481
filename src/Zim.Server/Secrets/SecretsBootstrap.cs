using Zim.Server.Storage;

namespace Zim.Server.Secrets;

/// <summary>
/// Runs at start, before the apps are loaded: refuses a key other than the one the stored secrets were
/// sealed with, then seals every secret still stored in clear text (a database from before sealing) or
/// with the previous key. Instances starting together on one database may both do it: each replacement
/// only applies to the row as it was read, so none undoes another's.
/// </summary>
internal sealed partial class SecretsBootstrap(
    SecretKeyring keys, SecretCipher cipher, IAppStore apps, IAdminStore settings, ILogger<SecretsBootstrap> logger)
{
    private const string CheckSetting = "secrets.key.check";
    private const int MaxPasses = 10;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var current = SecretKey.Check(keys.Current);
        var (stored, _) = await settings.GetOrAddSettingAsync(CheckSetting, current, cancellationToken);
        var changingKey = stored != current;
        if (changingKey && (keys.Previous is null || stored != SecretKey.Check(keys.Previous)))
        {
            throw new StartupRefusal(
                "The apps' secrets in this database were encrypted with another key than this server's. Every instance sharing the " +
                "database must use the same Secrets__Key (or Secrets__KeyFile); to change the key, start once with the old one as Secrets__PreviousKey.");
        }
        var resealed = await SealAllAsync(cancellationToken);
        if (changingKey)
        {
            await settings.SetSettingAsync(CheckSetting, current, cancellationToken);
        }
        if (resealed > 0)
        {
            await apps.PurgeReplacedSecretsAsync(cancellationToken);
            LogSealed(logger, resealed);
        }
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
            && (row.PreviousSecret is null || cipher.IsSealedWithCurrentKey(row.AppId, row.PreviousSecret)))
        {
            return null;
        }
        return new StoredSecrets(row.AppId, Reseal(row.AppId, row.ServerSecret), row.PreviousSecret is null ? null : Reseal(row.AppId, row.PreviousSecret));
    }

    private string Reseal(uint appId, string stored) => cipher.Seal(appId, cipher.Open(appId, stored));

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted the stored secrets of {Count} apps (they were in clear text, or encrypted with the previous key)")]
    private static partial void LogSealed(ILogger logger, int count);
}
