using System.Text.Json.Serialization;

namespace Zim.Protocol.Wire;

/// <summary>The envelope of every answer: <c>Code</c>, <c>Message</c> and <c>RequestId</c>.</summary>
public record ZimResponse
{
    /// <summary>0 on success, otherwise a <see cref="ZimCode"/>.</summary>
    [JsonPropertyOrder(-3)]
    public int Code { get; init; }

    /// <summary>"success", or a sentence a person can act on.</summary>
    [JsonPropertyOrder(-2)]
    public string Message { get; init; } = "";

    /// <summary>Decimal digits, unique per request; also sent as header <c>X-Request-Id</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string RequestId { get; init; } = "";

    /// <summary>The message of a successful call.</summary>
    public const string SuccessMessage = "success";
}

/// <summary>One user that a batch call could not handle, and why.</summary>
public sealed record UserError(string UserId, int SubCode, string SubMessage);
