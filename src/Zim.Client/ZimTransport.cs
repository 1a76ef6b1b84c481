using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Zim.Protocol;
using Zim.Protocol.Wire;

namespace Zim.Client;

/// <summary>One attempt of one call: sign, send, read the envelope.</summary>
internal sealed class ZimTransport(HttpClient http, ZimClientOptions options)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public string SignedQuery(ZimAction action) =>
        ZimSignature.QueryString(action.Name, options.AppId, options.ServerSecret,
            options.Clock.GetUtcNow().ToUnixTimeSeconds(), ZimSignature.NewNonce());

    public async Task<TResponse> SendAsync<TResponse>(ZimAction action, string extraQuery, byte[]? body,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var uri = new Uri(options.Endpoint, "?" + SignedQuery(action) + extraQuery);
        using var request = new HttpRequestMessage(new HttpMethod(action.Method), uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"{action.Name}: the server answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{action.Name}: the server answered null.");
        }
        catch (JsonException exception)
        {
            // Not retried: a wrong endpoint stays wrong.
            throw new InvalidDataException(
                $"{action.Name}: the answer (HTTP {(int)response.StatusCode}) is not a ZIM envelope; is {options.Endpoint} a ZIM API?", exception);
        }
    }

    /// <summary>A failure of the network or of the server's HTTP layer, not the caller cancelling.</summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
