using System.Text.Json;
using Zim.Protocol.Tokens;

namespace Zim.Protocol.Tests;

/// <summary>The vendor's own generators' tokens, each checked at a time inside its validity window.</summary>
public sealed class Token04VectorTests
{
    public static TheoryData<string> Generators()
    {
        var data = new TheoryData<string>();
        foreach (var (vector, i) in Vectors().Select((v, i) => (v, i)))
        {
            data.Add($"{i}:{vector.GetProperty("generator").GetString()}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void EveryVendorGeneratorsTokenIsValidForItsUserInsideItsWindow(string generator)
    {
        var vector = Vector(generator);
        var inputs = vector.GetProperty("inputs");
        var appId = inputs.GetProperty("app_id").GetUInt32();
        var userId = inputs.GetProperty("user_id").GetString()!;
        var secret = inputs.GetProperty("server_secret").GetString()!;
        var from = vector.GetProperty("valid_from_unix").GetInt64();
        var until = vector.GetProperty("valid_until_unix").GetInt64();
        var token = vector.GetProperty("token").GetString();

        var check = Token04.Verify(token, appId, userId, [secret], DateTimeOffset.FromUnixTimeSeconds(from + 1));

        Assert.True(check.IsValid, check.Problem);
        var decoded = vector.GetProperty("decoded");
        Assert.Equal(decoded.GetProperty("layout").GetString()!.StartsWith("GCM", StringComparison.Ordinal) ? Token04Layout.AesGcm : Token04Layout.AesCbc, check.Claims!.Layout);
        Assert.Equal(decoded.GetProperty("header_expire").GetInt64(), check.Claims.Expire);
        Assert.Equal(decoded.GetProperty("fields").GetProperty("ctime").GetInt64(), check.Claims.Created);
        Assert.Equal(userId, check.Claims.UserId);

        Assert.Equal(Token04Failure.Expired, Token04.Verify(token, appId, userId, [secret], DateTimeOffset.FromUnixTimeSeconds(until)).Failure);
        Assert.Equal(Token04Failure.WrongUser, Token04.Verify(token, appId, userId + "x", [secret], DateTimeOffset.FromUnixTimeSeconds(from)).Failure);
        Assert.Equal(Token04Failure.WrongApp, Token04.Verify(token, appId + 1, userId, [secret], DateTimeOffset.FromUnixTimeSeconds(from)).Failure);
        Assert.Equal(Token04Failure.WrongSecret, Token04.Verify(token, appId, userId, [new string('0', 32)], DateTimeOffset.FromUnixTimeSeconds(from)).Failure);
    }

    [Fact]
    public void TheVectorsCoverBothLayoutsAndEveryGenerator()
    {
        var generators = Vectors().Select(v => v.GetProperty("generator").GetString()!).ToHashSet();

        Assert.Superset(new HashSet<string> { "node-cbc", "node-gcm", "python-cbc", "java-cbc", "go-cbc", "go-gcm", "php-cbc", "dotnet-cbc" }, generators);
        Assert.Equal(16, Vectors().Count);
    }

    private static JsonElement Vector(string generator) => Vectors()[int.Parse(generator.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture)];

    private static List<JsonElement> Vectors()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "token04-vectors.json")));
        return [.. file.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone())];
    }
}
