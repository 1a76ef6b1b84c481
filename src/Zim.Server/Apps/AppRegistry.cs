using System.Collections.Frozen;

namespace Zim.Server.Apps;

/// <summary>The apps this server answers for, read on every call and replaced as a whole.</summary>
internal sealed class AppRegistry
{
    private FrozenDictionary<uint, AppRecord> apps = FrozenDictionary<uint, AppRecord>.Empty;

    public int Count => apps.Count;

    public IEnumerable<AppRecord> All => apps.Values;

    public AppRecord? Find(uint appId) => apps.GetValueOrDefault(appId);

    public void Replace(IEnumerable<AppRecord> records) =>
        apps = records.ToFrozenDictionary(app => app.AppId);
}
