namespace Zim.Protocol.Admin;

/// <summary>An app's answered calls per second by Code, as one server instance counted them.</summary>
/// <param name="Start">The first second, Unix seconds.</param>
/// <param name="Seconds">How many seconds each series has, from <paramref name="Start"/> to the current one (still counting).</param>
/// <param name="Codes">For each Code answered in those seconds, its count in each of them, oldest first (zeros included).</param>
public sealed record CallsPerSecond(long Start, int Seconds, IReadOnlyDictionary<string, int[]> Codes);
