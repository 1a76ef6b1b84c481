namespace Zim.Server.Apps;

/// <summary>One app: its id, its signing secret, a name, and its calls per second per action (0 = unlimited).</summary>
internal sealed record AppRecord(uint AppId, string ServerSecret, string Name, int QpsLimit);
