namespace Zim.Server.Api;

/// <summary>The log lines of the API. They carry ids and codes, never a secret, signature or query string.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Action} app {AppId} answered {Code} in {ElapsedMs:0.0} ms, request {RequestId}")]
    public static partial void Answered(ILogger logger, string action, uint? appId, int code, double elapsedMs, string requestId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Request {RequestId} refused: body larger than {MaxBytes} bytes")]
    public static partial void BodyTooLarge(ILogger logger, string requestId, int maxBytes);
}
