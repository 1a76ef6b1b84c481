using System.Text;
using System.Text.Json;
using Zim.Protocol.Wire;

namespace Zim.Cli.Import;

internal enum UserFileFormat
{
    Csv,
    JsonLines,
}

/// <summary>One record of the input: a user, or why the record could not be read as one.</summary>
internal sealed record InputRow(long Line, RegisterUserInfo? User, string? Problem);

/// <summary>
/// Users from a CSV file (header naming UserId, UserName, UserAvatar in any order, other columns ignored) or
/// a JSON Lines file (one object a line), UTF-8 with or without a byte order mark.
/// </summary>
internal sealed class UserFile(string path, UserFileFormat format)
{
    public string Path => path;

    public static UserFileFormat? FormatOf(string path, string? declared) => (declared ?? System.IO.Path.GetExtension(path)).ToLowerInvariant().TrimStart('.') switch
    {
        "csv" => UserFileFormat.Csv,
        "jsonl" or "ndjson" or "json" => UserFileFormat.JsonLines,
        _ => null,
    };

    private StreamReader Open() =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);

    /// <summary>Records in the file (for the progress bar's total; quoted line breaks may make it a little high).</summary>
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
        return format == UserFileFormat.Csv ? Math.Max(0, count - 1) : count;
    }

    /// <summary>Null when the file can be read as users; otherwise what is wrong with it as a whole.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (format == UserFileFormat.JsonLines)
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

    public async IAsyncEnumerable<InputRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = Open();
        if (format == UserFileFormat.JsonLines)
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
            yield return new InputRow(number, new RegisterUserInfo(Field(fields, id) ?? "", Field(fields, name), Field(fields, avatar)), null);
        }
    }

    private static InputRow JsonRow(long number, string line)
    {
        try
        {
            var user = JsonSerializer.Deserialize(line, ZimJson.Context.RegisterUserInfo);
            return user is null
                ? new InputRow(number, null, $"line {number}: null is not a user.")
                : new InputRow(number, user with { UserId = user.UserId ?? "" }, null);
        }
        catch (JsonException exception)
        {
            return new InputRow(number, null, $"line {number}: not a user object ({exception.Message})");
        }
    }

    private static int Column(List<string> header, string name) =>
        header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>An empty field is an absent one.</summary>
    private static string? Field(List<string> fields, int index) =>
        index >= 0 && index < fields.Count && fields[index].Length > 0 ? fields[index] : null;
}
