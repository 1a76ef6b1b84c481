using Zim.Protocol.Wire;
using Zim.Testing;

namespace Zim.Client.Tests;

internal static class NewUsers
{
    /// <summary>Users no other test uses.</summary>
    public static List<RegisterUserInfo> Of(int count) =>
        Enumerable.Range(0, count).Select(_ => new RegisterUserInfo(Json.NewId())).ToList();
}
