using System.Diagnostics;
using Zim.Protocol.Wire;
using Zim.Server.Storage;

namespace Zim.Server.Metrics;

/// <summary>Times every call of the user store, whichever store it is.</summary>
internal sealed class MeasuredUserStore(IUserStore inner, ZimMetrics metrics) : IUserStore
{
    public Task<bool[]> RegisterAsync(uint appId, IReadOnlyList<RegisterUserInfo> users, CancellationToken cancellationToken) =>
        TimeAsync("register", () => inner.RegisterAsync(appId, users, cancellationToken));

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
            metrics.StoreTook(operation, Stopwatch.GetElapsedTime(started));
        }
    }
}
