using Zim.Protocol;

namespace Zim.Server.RateLimits;

/// <summary>Counts calls per (AppId, Action) in fixed windows of one second of the server clock.</summary>
internal interface IRateLimiter
{
    /// <summary>Takes one call from the current window; false (and nothing counted) when the window is full.</summary>
    ValueTask<bool> TryAcquireAsync(uint appId, ZimAction action, int limitPerSecond);

    /// <summary>Empties every window of every app and action (the emulator's reset).</summary>
    Task ClearAsync();
}
