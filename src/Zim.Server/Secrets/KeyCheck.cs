namespace Zim.Server.Secrets;

/// <summary>
/// What the database records of the key its secrets are sealed with: a check that tells keys apart without
/// revealing them (<see cref="SecretKey.Check"/>) and, after a space, where the instance that recorded it keeps
/// the key, for the refusal that an instance without it gets. Rows from before the location hold the check alone.
/// </summary>
internal sealed record KeyCheck(string Check, string? Location)
{
    public const string Setting = "secrets.key.check";

    public static KeyCheck Of(SecretKeyChoice key) => new(SecretKey.Check(key.Key), key.Location);

    public static KeyCheck Parse(string stored) =>
        stored.Split(' ', 2) is [var check, var location] ? new(check, location) : new(stored, null);

    public override string ToString() => Location is null ? Check : $"{Check} {Location}";

    /// <summary>Where the key is kept, to follow "keeps the key"; a guess from the defaults for rows without the location.</summary>
    public string Where => Location is { } location
        ? $"in {location}"
        : $"in {SecretKeySource.DefaultFileName} in its data folder (beside the SQLite file, or data/ in its working directory) unless it was given Secrets__Key or Secrets__KeyFile";
}
