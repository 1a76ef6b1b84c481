using System.Diagnostics;
using Zim.Protocol.Wire;

namespace Zim.Server.Storage;

/// <summary>Times every call of the user store, whichever store it is, for the observers.</summary>
internal sealed class ObservedUserStore(IUserStore inner, IUserStoreObserver[] observers) : IUserStore
{
    /// <summary>
    /// The store as every caller gets it: composed when it is first resolved, so observers count whatever the
    /// order in which the features registered them and the store.
    /// </summary>
    public static IUserStore Around(IUserStore store, IServiceProvider services) =>
        services.GetServices<IUserStoreObserver>().ToArray() is { Length: > 0 } observers ? new ObservedUserStore(store, observers) : store;

    public Task<bool[]> RegisterAsync(uint appId, IReadOnlyList<RegisterUserInfo> users, bool bots, CancellationToken cancellationToken) =>
        TimeAsync("register", () => inner.RegisterAsync(appId, users, bots, cancellationToken));

    public Task<IReadOnlyDictionary<string, UserProfile>> FindAsync(uint appId, IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        TimeAsync("find", () => inner.FindAsync(appId, userIds, cancellationToken));

    public Task<bool[]> ModifyAsync(uint appId, IReadOnlyList<UserInfoChange> changes, CancellationToken cancellationToken) =>
        TimeAsync("modify", () => inner.ModifyAsync(appId, changes, cancellationToken));

    private async Task<T> TimeAsync<T>(string operation, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            var took = Stopwatch.GetElapsedTime(started);
            foreach (var observer in observers)
            {
                observer.Took(operation, took);
            }
        }
    }
}
