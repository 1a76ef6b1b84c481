using System.Text;

namespace Zim.Protocol.Rosters;

/// <summary>RFC 4180 CSV: fields separated by commas, quoted with '"' (doubled inside), newlines allowed in quotes.</summary>
public static class Csv
{
    /// <summary>The records of a reader, each with the line it starts on.</summary>
    public static async IAsyncEnumerable<(long Line, List<string> Fields)> ReadAsync(TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long lineNumber = 0;
        var field = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var start = ++lineNumber;
            if (line.Length == 0)
            {
                continue;
            }
            var fields = new List<string>();
            var quoted = false;
            field.Clear();
            while (true)
            {
                for (var i = 0; i < line.Length; i++)
                {
                    var c = line[i];
                    if (quoted)
                    {
                        if (c != '"')
                        {
                            field.Append(c);
                        }
                        else if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else if (c == ',')
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else if (c == '"' && field.Length == 0)
                    {
                        quoted = true;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                if (!quoted || await reader.ReadLineAsync(cancellationToken) is not { } next)
                {
                    break;
                }
                lineNumber++;
                field.Append('\n');
                line = next;
            }
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }

    /// <summary>One field as CSV: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
