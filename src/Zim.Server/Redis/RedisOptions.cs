namespace Zim.Server.Redis;

/// <summary>Section <c>Redis</c>: where instances share rate-limit windows and used nonces.</summary>
internal sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string (e.g. <c>localhost:6379</c>); empty = per-instance state.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of every key, so that several deployments may share one Redis.</summary>
    public string KeyPrefix { get; set; } = "zim:";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
