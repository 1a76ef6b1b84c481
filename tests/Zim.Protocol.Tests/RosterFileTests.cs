using System.Text;
using Zim.Protocol.Rosters;
using Zim.Protocol.Wire;

namespace Zim.Protocol.Tests;

/// <summary>The roster formats shared by <c>zim users import</c> and the server's seed.</summary>
public sealed class RosterFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("zim-roster-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private async Task<RosterFile> WriteAsync(string name, string text, bool bom = false)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(bom), TestContext.Current.CancellationToken);
        return new RosterFile(path, RosterFile.FormatOf(path, declared: null)!.Value);
    }

    private static async Task<List<RosterRow>> RowsAsync(RosterFile file)
    {
        var rows = new List<RosterRow>();
        await foreach (var row in file.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    [Theory]
    [InlineData("a.csv", null, RosterFormat.Csv)]
    [InlineData("a.JSONL", null, RosterFormat.JsonLines)]
    [InlineData("a.ndjson", null, RosterFormat.JsonLines)]
    [InlineData("a.txt", "csv", RosterFormat.Csv)]
    [InlineData("a.txt", null, null)]
    public void TheFormatComesFromWhatIsDeclaredOrElseTheExtension(string path, string? declared, RosterFormat? expected) =>
        Assert.Equal(expected, RosterFile.FormatOf(path, declared));

    [Fact]
    public async Task CsvColumnsMayComeInAnyOrderAndCaseBehindAByteOrderMarkAndOtherColumnsAreIgnored()
    {
        var file = await WriteAsync("r.csv", "Extra, userAVATAR ,Team,USERID,UserName\n{},https://a/1.png,x,ann,\"Smith, \"\"Ann\"\"\"\n,,,bob,\n", bom: true);

        Assert.Null(await file.CheckAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
            [new RosterRow(2, new RegisterUserInfo("ann", "Smith, \"Ann\"", "https://a/1.png"), null), new RosterRow(3, new RegisterUserInfo("bob"), null)],
            await RowsAsync(file));
    }

    [Fact]
    public async Task ARowIsNumberedByTheLineItStartsOnAfterQuotedLineBreaksAndBlankLines()
    {
        var file = await WriteAsync("lines.csv", "UserId,UserName\na,\"two\nlines\"\n\nb,\n");

        var rows = await RowsAsync(file);

        Assert.Equal([2L, 5L], rows.Select(r => r.Line));
        Assert.Equal("two\nlines", rows[0].User!.UserName);
    }

    [Theory]
    [InlineData("Id,UserName\na,Ann\n", "no UserId column")]
    [InlineData("", "the file is empty")]
    public async Task ACsvThatCannotHoldUsersIsRefusedAsAWhole(string text, string expected)
    {
        var file = await WriteAsync("bad.csv", text);
        Assert.Contains(expected, await file.CheckAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLinesMatchNamesInAnyCaseAndAnUnreadableLineIsARowWithItsProblem()
    {
        var file = await WriteAsync("u.jsonl", "{\"userid\":\"a\",\"USERNAME\":\"Ann\",\"Extra\":{\"x\":1}}\n\n{not json\nnull\n{\"UserName\":\"no id\"}\n");

        var rows = await RowsAsync(file);

        Assert.Equal(new RosterRow(1, new RegisterUserInfo("a", "Ann"), null), rows[0]);
        Assert.StartsWith("line 3: not a user object", rows[1].Problem, StringComparison.Ordinal);
        Assert.Equal("line 4: null is not a user.", rows[2].Problem);
        Assert.Equal(new RosterRow(5, new RegisterUserInfo("", "no id"), null), rows[3]);
    }

    [Fact]
    public async Task AnEscapedLoneSurrogateIsAProblemOfItsLineNotOfTheWholeFile()
    {
        var file = await WriteAsync("s.jsonl", "{\"UserId\":\"a\",\"UserName\":\"\\ud800\"}\n{\"UserId\":\"b\"}\n");

        var rows = await RowsAsync(file);

        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0].User);
        Assert.StartsWith("line 1: not a user object", rows[0].Problem, StringComparison.Ordinal);
        Assert.Equal(new RegisterUserInfo("b"), rows[1].User);
    }

    [Fact]
    public void AFieldIsQuotedOnlyWhenItMustBe()
    {
        Assert.Equal("plain", Csv.Field("plain"));
        Assert.Equal("\"a,b\"", Csv.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Csv.Field("say \"hi\""));
        Assert.Equal("\"two\nlines\"", Csv.Field("two\nlines"));
    }
}
