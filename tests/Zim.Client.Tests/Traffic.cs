using System.Collections.Concurrent;
using System.Text.Json;
using Zim.Protocol.Wire;

namespace Zim.Client.Tests;

/// <summary>
/// Sits between the client and the server: counts the users sent and the answers' codes, and can fail
/// chosen calls before the server sees them, or lose the answer after it has acted.
/// </summary>
internal sealed class Traffic : DelegatingHandler
{
    private int calls;

    public ConcurrentQueue<string> SentUserIds { get; } = new();
    public ConcurrentQueue<int> Codes { get; } = new();

    /// <summary>Call numbers (from 1) that fail with a transport error before reaching the server.</summary>
    public HashSet<int> FailBefore { get; init; } = [];

    /// <summary>Call numbers (from 1) whose answer is lost after the server has acted.</summary>
    public HashSet<int> LoseAnswer { get; init; } = [];

    /// <summary>Call numbers (from 1) answered with 660000001 without reaching the server.</summary>
    public HashSet<int> InternalError { get; init; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls);
        if (FailBefore.Contains(call))
        {
            throw new HttpRequestException("connection refused (injected)");
        }
        if (InternalError.Contains(call))
        {
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent("""{"Code":660000001,"Message":"Internal error (injected)","RequestId":"1","ErrorList":[]}"""),
            };
        }
        if (request.Content is not null && request.RequestUri!.Query.Contains("Action=UserRegister", StringComparison.Ordinal))
        {
            var body = JsonSerializer.Deserialize(await request.Content.ReadAsByteArrayAsync(cancellationToken), ZimJson.Context.UserRegisterRequest)!;
            foreach (var user in body.UserInfo)
            {
                SentUserIds.Enqueue(user.UserId);
            }
        }
        var response = await base.SendAsync(request, cancellationToken);
        var raw = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Codes.Enqueue(JsonSerializer.Deserialize(raw, ZimJson.Context.ZimResponse)!.Code);
        if (LoseAnswer.Contains(call))
        {
            throw new HttpRequestException("connection reset (injected)");
        }
        response.Content = new ByteArrayContent(raw);
        return response;
    }
}
