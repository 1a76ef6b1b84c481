namespace ClassRoster;

/// <summary>A person of a class: the id the chat service knows them by, and the name it shows.</summary>
public sealed record Person(string UserId, string Name);

/// <summary>A class before its first lesson: one teacher and the students.</summary>
public sealed record Roster(string ClassId, Person Teacher, IReadOnlyList<Person> Students);

/// <summary>What became of a roster's people.</summary>
public sealed record RosterReport(long Registered, long AlreadyRegistered, long Rejected, long Failed)
{
    /// <summary>Everyone can log in: nobody was rejected or failed.</summary>
    public bool EveryoneCanLogIn => Rejected == 0 && Failed == 0;
}
