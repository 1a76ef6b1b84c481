using Microsoft.AspNetCore.WebUtilities;
using Zim.Server.Api;

namespace Zim.Server.Tests;

/// <summary>The strict reading of a query key agrees with ASP.NET Core's wherever the bytes are UTF-8.</summary>
public sealed class QueryValuesTests
{
    [Fact]
    public void ValuesThatAreUtf8ReadAsTheQueryCollectionReadsThem()
    {
        var random = new Random(4);
        const string alphabet = "aZ9-_.~%%%++&&==[]#;UuIiDd0FfCc3EeAa2B";
        for (var i = 0; i < 5000; i++)
        {
            var query = "?" + string.Concat(Enumerable.Range(0, random.Next(0, 40))
                .Select(_ => random.Next(4) == 0 ? "UserId[]=" : alphabet[random.Next(alphabet.Length)].ToString()));

            var strict = QueryValues.Of(query, "UserId[]");
            var collection = QueryHelpers.ParseQuery(query).GetValueOrDefault("userid[]");

            Assert.Equal(collection.Count, strict.Count);
            foreach (var (value, expected) in strict.Zip(collection))
            {
                Assert.True(value.Text is null ? value.Problem is not null : value.Text == expected, $"{query}: {value} is not {expected}");
            }
        }
    }

    [Theory]
    [InlineData("UserId[]=a%2Bb+c%25", "a+b c%")]
    [InlineData("userid%5b%5d=%zz%4", "%zz%4")]
    [InlineData("UserId[]", "")]
    [InlineData("UserId[]=%E6%9D%8E%F0%9F%98%80", "李😀")]
    public void PercentEscapesPlusSignsAndBareNamesReadAsInTheCollection(string query, string text)
    {
        Assert.Equal([new QueryValue(text, null)], QueryValues.Of(query, "UserId[]"));
    }

    [Theory]
    [InlineData("UserId[]=%FF", "its byte 0 is 0xFF")]
    [InlineData("UserId[]=ok%C3", "its byte 2 is 0xC3")]
    [InlineData("UserId[]=%C3%A9%ED%A0%80", "its byte 2 is 0xED")]
    [InlineData("UserId[]=%F0%9F%98x", "its byte 0 is 0xF0")]
    public void EscapesThatAreNotUtf8SayWhichByte(string query, string where)
    {
        Assert.Equal([new QueryValue(null, "is not UTF-8 once percent-decoded: " + where)], QueryValues.Of(query, "UserId[]"));
    }
}
