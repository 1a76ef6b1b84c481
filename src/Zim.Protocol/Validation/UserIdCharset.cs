namespace Zim.Protocol.Validation;

/// <summary>The characters a UserId may hold: ASCII letters, digits and the contract's punctuation.</summary>
public static class UserIdCharset
{
    /// <summary>The punctuation allowed besides letters and digits (no space).</summary>
    public const string Punctuation = "!#$%&()+-:;<=.>?@[]^_{}|~";

    private static readonly bool[] Allowed = Build();

    /// <summary>True when <paramref name="c"/> may appear in a UserId.</summary>
    public static bool Allows(char c) => c < Allowed.Length && Allowed[c];

    private static bool[] Build()
    {
        var table = new bool[128];
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = true;
        }
        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = true;
            table[char.ToUpperInvariant(c)] = true;
        }
        foreach (var c in Punctuation)
        {
            table[c] = true;
        }
        return table;
    }
}
