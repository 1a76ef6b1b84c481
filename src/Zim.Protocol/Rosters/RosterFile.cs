using System.Text;
using System.Text.Json;
using Zim.Protocol.Wire;

namespace Zim.Protocol.Rosters;

/// <summary>
/// Users from a CSV file (a header naming UserId, UserName, UserAvatar in any order and any letter case;
/// other columns, Extra among them, ignored) or a JSON Lines file (one object a line, property names in any
/// case), UTF-8 with or without a byte order mark. Read as a stream: memory stays flat for any size.
/// Shared by the <c>zim users import</c> command and the server's seed at start-up.
/// </summary>
public sealed class RosterFile(string path, RosterFormat format)
{
    /// <summary>The file.</summary>
    public string Path => path;

    /// <summary>The format <paramref name="declared"/> names, or else the one of the file's extension; null when neither says.</summary>
    public static RosterFormat? FormatOf(string path, string? declared) => (declared ?? System.IO.Path.GetExtension(path)).ToLowerInvariant().TrimStart('.') switch
    {
        "csv" => RosterFormat.Csv,
        "jsonl" or "ndjson" or "json" => RosterFormat.JsonLines,
        _ => null,
    };

    private StreamReader Open() =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);

    /// <summary>Records in the file (for a progress bar's total; quoted line breaks may make it a little high).</summary>
    public long CountRecords()
    {
        using var reader = Open();
        long count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                count++;
            }
        }
        return format == RosterFormat.Csv ? Math.Max(0, count - 1) : count;
    }

    /// <summary>Null when the file can be read as users; otherwise what is wrong with it as a whole.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (format == RosterFormat.JsonLines)
        {
            return null;
        }
        using var reader = Open();
        await foreach (var (_, header) in Csv.ReadAsync(reader, cancellationToken))
        {
            return Column(header, "UserId") < 0
                ? $"{path}: the CSV header has no UserId column (it has: {string.Join(", ", header)})."
                : null;
        }
        return $"{path}: the file is empty; a CSV needs a header line such as UserId,UserName,UserAvatar.";
    }

    /// <summary>Every record after the header, in file order; a record that is not a user is a row with a problem.</summary>
    public async IAsyncEnumerable<RosterRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = Open();
        if (format == RosterFormat.JsonLines)
        {
            long number = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    yield return JsonRow(number, line);
                }
            }
            yield break;
        }
        int id = -1, name = -1, avatar = -1;
        await foreach (var (number, fields) in Csv.ReadAsync(reader, cancellationToken))
        {
            if (id < 0)
            {
                (id, name, avatar) = (Column(fields, "UserId"), Column(fields, "UserName"), Column(fields, "UserAvatar"));
                continue;
            }
            yield return new RosterRow(number, new RegisterUserInfo(Field(fields, id) ?? "", Field(fields, name), Field(fields, avatar)), null);
        }
    }

    private static RosterRow JsonRow(long number, string line)
    {
        try
        {
            var user = JsonSerializer.Deserialize(line, ZimJson.Context.RegisterUserInfo);
            return user is null
                ? new RosterRow(number, null, $"line {number}: null is not a user.")
                : new RosterRow(number, user with { UserId = user.UserId ?? "" }, null);
        }
        catch (JsonException exception)
        {
            return new RosterRow(number, null, $"line {number}: not a user object ({exception.Message})");
        }
    }

    private static int Column(List<string> header, string name) =>
        header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>An empty field is an absent one.</summary>
    private static string? Field(List<string> fields, int index) =>
        index >= 0 && index < fields.Count && fields[index].Length > 0 ? fields[index] : null;
}
