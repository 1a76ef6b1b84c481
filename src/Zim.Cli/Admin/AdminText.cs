using System.Text.Json;

namespace Zim.Cli.Admin;

/// <summary>Small JSON helpers for the admin commands, which pass the server's JSON through as it is.</summary>
internal static class AdminText
{
    /// <summary>The <c>Error</c> sentence of an admin API refusal, or the body itself when it is not one.</summary>
    public static string ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("Error", out var error) ? error.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>A JSON object of the given properties, leaving out the null ones.</summary>
    public static string Object(params (string Name, object? Value)[] properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                switch (value)
                {
                    case string text: writer.WriteString(name, text); break;
                    case int number: writer.WriteNumber(name, number); break;
                    case uint number: writer.WriteNumber(name, number); break;
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
