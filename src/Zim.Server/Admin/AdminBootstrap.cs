using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// Settles the admin token at start: the configured one, or else the one stored by an earlier start (as a
/// hash), or else a new random one, stored as a hash and printed once, like the first app's secret.
/// </summary>
internal sealed class AdminBootstrap(IOptions<AdminOptions> options, IAdminStore store, AdminToken token)
{
    private const string TokenHashKey = "admin.token.sha256";

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Token;
        if (configured.Length > 0)
        {
            token.Set(AdminToken.Hash(configured));
            return;
        }
        var generated = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var (hash, created) = await store.GetOrAddSettingAsync(TokenHashKey, AdminToken.Hash(generated), cancellationToken);
        token.Set(hash);
        if (created)
        {
            // Straight to the console, not to the log, and only the hash is stored: it is shown this once.
            Console.WriteLine($"""

                No admin token was configured, so this server created one. Keep it; it is not shown again.
                  AdminToken:   {generated}
                Use it as "Authorization: Bearer <token>" on /admin/api/, or set Admin__Token to choose your own.

                """);
        }
    }
}
