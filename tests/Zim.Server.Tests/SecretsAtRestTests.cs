using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Zim.Protocol;
using Zim.Server.Secrets;
using Zim.Testing;

namespace Zim.Server.Tests;

/// <summary>
/// The apps' secrets at rest: the database holds them only encrypted (<c>v1:</c>, under a key kept out of
/// the database), whether configured, created, rotated or found in clear text in a database from before,
/// and they still sign after a restart.
/// </summary>
public abstract class SecretsAtRestTests<TStore> : IDisposable
    where TStore : TestStore, new()
{
    private const string StoredSecrets =
        "SELECT server_secret FROM apps UNION ALL SELECT previous_secret FROM apps UNION ALL SELECT callback_secret FROM apps WHERE callback_secret IS NOT NULL";

    protected TStore Store { get; } = new();

    public void Dispose()
    {
        Store.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SecretsAreStoredOnlyEncryptedAndStillSignAfterARestart()
    {
        TestApp created;
        using (var factory = new ZimFactoryOnStore(Store))
        {
            created = await factory.Admin().CreateAppAsync();
            Assert.Equal(ZimCode.Success, (await factory.Caller(created).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
            AssertStoredOnlyEncrypted([created, .. TestApp.All]);
        }

        using var restarted = new ZimFactoryOnStore(Store);
        Assert.Equal(ZimCode.Success, (await restarted.Caller(created).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.Success, (await restarted.Caller(TestApp.A).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        AssertStoredOnlyEncrypted([created, .. TestApp.All]);
    }

    [Fact]
    public async Task ARotationWithAGracePeriodKeepsBothSecretsEncryptedAndBothSign()
    {
        using var factory = new ZimFactoryOnStore(Store);
        var admin = factory.Admin();
        var app = await admin.CreateAppAsync();
        var rotated = await admin.PostAsync(AdminCaller.Apps(app, "/secret?graceSeconds=600"));
        var renewed = app with { ServerSecret = rotated.Json.GetProperty("ServerSecret").GetString()! };

        var row = Store.Strings($"SELECT server_secret FROM apps WHERE app_id = {app.AppId} UNION ALL SELECT previous_secret FROM apps WHERE app_id = {app.AppId}");
        Assert.Equal(2, row.Count);
        AssertStoredOnlyEncrypted([app, renewed]);
        Assert.Equal(ZimCode.Success, (await factory.Caller(app).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(renewed).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
    }

    [Fact]
    public async Task ASecretStoredInClearTextByAnOlderReleaseIsEncryptedAtStartAndStillSigns()
    {
        var old = new TestApp(1000000077, "77777777777777777777777777777777", 0);
        var oldPrevious = old with { ServerSecret = "66666666666666666666666666666666" };
        var until = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        // The apps table as a release before encryption at rest left it, mid-rotation.
        Store.Execute(string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE apps (app_id bigint PRIMARY KEY, server_secret text NOT NULL, name text NOT NULL,
                               qps_limit integer NOT NULL, created_at bigint NOT NULL, previous_secret text,
                               previous_until bigint NOT NULL DEFAULT 0);
            INSERT INTO apps VALUES ({old.AppId}, '{old.ServerSecret}', 'from an older release', 0, 0, '{oldPrevious.ServerSecret}', {until});
            """));

        using var factory = new ZimFactoryOnStore(Store);
        Assert.Equal(ZimCode.Success, (await factory.Caller(old).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Equal(ZimCode.Success, (await factory.Caller(oldPrevious).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        Assert.Contains(factory.Logs.Entries, e => e.Text.Contains("Encrypted the stored secrets of 1 apps", StringComparison.Ordinal));
        AssertStoredOnlyEncrypted([old, oldPrevious, .. TestApp.All]);
    }

    [Fact]
    public async Task TheKeyIsChangedByStartingOnceWithTheOldOneAsPreviousKey()
    {
        TestApp created;
        using (var factory = new ZimFactoryOnStore(Store))
        {
            created = await factory.Admin().CreateAppAsync();
        }
        var oldKey = Store.SecretsKey ?? File.ReadAllText(Path.Combine(((SqliteTestStore)(TestStore)Store).Folder, "secrets.key")).Trim();
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        using (var changing = new ZimFactoryOnStore(Store, Setting("Secrets:Key", newKey), Setting("Secrets:PreviousKey", oldKey)))
        {
            Assert.Equal(ZimCode.Success, (await changing.Caller(created).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        }
        using var changed = new ZimFactoryOnStore(Store, Setting("Secrets:Key", newKey));
        Assert.Equal(ZimCode.Success, (await changed.Caller(created).PostAsync("UserRegister", Json.Users(Json.NewId()))).Code);
        AssertStoredOnlyEncrypted([created]);
        var stored = Store.Strings($"SELECT server_secret FROM apps WHERE app_id = {created.AppId}").Single();
        Assert.True(Cipher(newKey).IsSealedWithCurrentKey(created.AppId, stored));
        Assert.False(Cipher(oldKey).IsSealedWithCurrentKey(created.AppId, stored));
    }

    [Fact]
    public async Task ACallbackSecretIsStoredOnlyEncryptedAndReEncryptedWithTheKey()
    {
        string callbackSecret;
        uint appId;
        using (var factory = new ZimFactoryOnStore(Store))
        {
            var created = await factory.Admin().PostAsync("/admin/api/apps", Json.Of(new { CallbackUrl = "http://127.0.0.1:9/callbacks" }));
            callbackSecret = created.Json.GetProperty("CallbackSecret").GetString()!;
            appId = created.Json.GetProperty("AppId").GetUInt32();
            AssertStoredOnlyEncrypted([new TestApp(appId, callbackSecret, 0)]);
        }
        var oldKey = Store.SecretsKey ?? File.ReadAllText(Path.Combine(((SqliteTestStore)(TestStore)Store).Folder, "secrets.key")).Trim();
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using (var changing = new ZimFactoryOnStore(Store, Setting("Secrets:Key", newKey), Setting("Secrets:PreviousKey", oldKey)))
        {
            changing.CreateClient().Dispose();
        }
        var stored = Store.Strings($"SELECT callback_secret FROM apps WHERE app_id = {appId}").Single();
        Assert.True(Cipher(newKey).IsSealedWithCurrentKey(appId, stored));
        Assert.Equal(callbackSecret, Cipher(newKey).Open(appId, stored));
        AssertStoredOnlyEncrypted([new TestApp(appId, callbackSecret, 0)]);
    }

    private static SecretCipher Cipher(string key) => new(new SecretKeyring(Convert.FromBase64String(key), null));

    private static KeyValuePair<string, string?> Setting(string key, string value) => new(key, value);

    /// <summary>Every stored secret is sealed, and no given secret is in the rows (nor in the SQLite file or its WAL).</summary>
    protected void AssertStoredOnlyEncrypted(IEnumerable<TestApp> apps)
    {
        var stored = Store.Strings(StoredSecrets);
        Assert.NotEmpty(stored);
        Assert.All(stored, value => Assert.StartsWith("v1:", value, StringComparison.Ordinal));
        var files = Store is SqliteTestStore sqlite ? Directory.GetFiles(sqlite.Folder, "zim.db*") : [];
        var contents = files.Select(file => Encoding.Latin1.GetString(ReadShared(file))).ToList();
        foreach (var secret in apps.Select(app => app.ServerSecret))
        {
            Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
            Assert.All(contents, content => Assert.DoesNotContain(secret, content, StringComparison.Ordinal));
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}

public sealed class SecretsAtRestOnSqlite : SecretsAtRestTests<SqliteTestStore>
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WithoutAConfiguredKeyAKeyFileReadableByItsOwnerOnlyIsCreatedBesideTheDatabaseAndNamedOnceInTheLog()
    {
        using var factory = new ZimFactoryOnStore(Store);
        factory.CreateClient().Dispose();

        var path = Path.Combine(Store.Folder, "secrets.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(path).Trim()).Length);
        var created = factory.Logs.Entries.Where(e => e.Text.StartsWith("Created the key", StringComparison.Ordinal)).ToList();
        Assert.Contains(path, Assert.Single(created).Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Store.Folder, "*.tmp"));
    }
}

public sealed class SecretsAtRestOnPostgres : SecretsAtRestTests<PostgresTestStore>;
