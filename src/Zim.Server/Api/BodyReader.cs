using Microsoft.AspNetCore.Http.Features;

namespace Zim.Server.Api;

/// <summary>Reads a request body whole, up to the configured cap.</summary>
internal static class BodyReader
{
    /// <summary>True when the declared length alone is over the cap.</summary>
    public static bool DeclaredTooLarge(HttpRequest request, int maxBytes) => request.ContentLength > maxBytes;

    /// <summary>The body, or null when it turned out larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }
        var body = context.Request.Body;
        var buffer = new MemoryStream(context.Request.ContentLength is { } length and <= int.MaxValue ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Up to <paramref name="maxBytes"/> bytes of a body nobody has read, for the request log; null when the request
    /// has none, or when it cannot be read (cut short, too slow, over the server's limit).
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadStartAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return null;
        }
        var buffer = new byte[maxBytes];
        var filled = 0;
        try
        {
            int read;
            while (filled < maxBytes && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            return null;
        }
        // Without the feature (the test server), a body never sent reads as empty.
        return filled == 0 && context.Request.ContentLength is null ? null : buffer.AsMemory(0, filled);
    }
}
