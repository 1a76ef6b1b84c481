namespace Zim.Protocol.Rosters;

/// <summary>The two formats of a roster of users.</summary>
public enum RosterFormat
{
    /// <summary>CSV with a header line naming the columns.</summary>
    Csv,

    /// <summary>JSON Lines: one user object a line.</summary>
    JsonLines,
}
