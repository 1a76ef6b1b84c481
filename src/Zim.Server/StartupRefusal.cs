namespace Zim.Server;

/// <summary>
/// A reason the server must not start (a database it cannot use, a key that does not fit the stored
/// secrets), worded for the operator: the program prints the message as one line and exits with 1.
/// </summary>
internal sealed class StartupRefusal(string message, Exception? inner = null) : Exception(message, inner);
