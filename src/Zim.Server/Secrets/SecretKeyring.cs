namespace Zim.Server.Secrets;

/// <summary>
/// The key that seals the apps' secrets and, while the key is being changed, the one before it. Settled at start
/// by <see cref="SecretsBootstrap"/>, once it knows which key the database's secrets are sealed with.
/// </summary>
internal sealed class SecretKeyring
{
    private byte[]? current;

    public SecretKeyring()
    {
    }

    public SecretKeyring(byte[] current, byte[]? previous) => Settle(current, previous);

    public byte[] Current => current ?? throw new InvalidOperationException("The secrets' key is settled at start, before any secret is sealed or opened.");

    public byte[]? Previous { get; private set; }

    public void Settle(byte[] key, byte[]? previous)
    {
        current = key;
        Previous = previous;
    }
}
