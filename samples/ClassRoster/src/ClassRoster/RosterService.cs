using Zim.Client;
using Zim.Client.Bulk;
using Zim.Protocol.Wire;

namespace ClassRoster;

/// <summary>Registers a whole class with the chat service before its first lesson, so that everyone can log in.</summary>
public sealed class RosterService(ZimClient zim)
{
    public async Task<RosterReport> RegisterAsync(Roster roster, CancellationToken cancellationToken = default)
    {
        var people = roster.Students.Prepend(roster.Teacher).Select(person => new RegisterUserInfo(person.UserId, person.Name));
        var result = await new ZimBulkRegistrar(zim).RegisterAsync(people, cancellationToken: cancellationToken);
        var tally = result.Tally;
        return new RosterReport(tally.Registered, tally.AlreadyRegistered, tally.Rejected, tally.Failed);
    }

    /// <summary>The names the chat service shows for these users, in the same order; null for one it does not know.</summary>
    public async Task<IReadOnlyList<string?>> NamesAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        var found = await zim.QueryUserInfosAsync(userIds, cancellationToken);
        var names = found.Result.ToDictionary(user => user.UserId, user => user.UserName);
        return [.. userIds.Select(id => names.GetValueOrDefault(id))];
    }
}
