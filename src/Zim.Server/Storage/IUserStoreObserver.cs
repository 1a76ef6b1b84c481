namespace Zim.Server.Storage;

/// <summary>Told how long each call of the user store took (for metrics); must be quick and must not throw.</summary>
internal interface IUserStoreObserver
{
    void Took(string operation, TimeSpan duration);
}
