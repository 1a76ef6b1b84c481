namespace Zim.Server.Api;

/// <summary>
/// One answered ZIM call, as the dispatcher hands it to observers (request log, metrics). <c>Body</c> is null unless
/// an observer wants bodies; then it holds the body the action read (the same bytes, not a copy), or for a call
/// refused before its body was read the first bytes of it, as many as wanted; null for a call without a body.
/// </summary>
internal sealed record AnsweredCall(
    uint? AppId, string Action, int Code, string Message, TimeSpan Duration, string RequestId, long BodyBytes, ReadOnlyMemory<byte>? Body = null);

/// <summary>Told of every answered call, after the answer is written; must be quick and must not throw.</summary>
internal interface ICallObserver
{
    /// <summary>
    /// How many bytes of each request body this observer wants in <see cref="AnsweredCall.Body"/>; 0 (the default)
    /// for none. Read once, when the dispatcher is made.
    /// </summary>
    int BodyBytesWanted => 0;

    void Observe(AnsweredCall call);
}

internal static class CallObservers
{
    /// <summary>Registers <typeparamref name="T"/> once, both as itself (for its readers) and as a call observer.</summary>
    public static IServiceCollection AddCallObserver<T>(this IServiceCollection services)
        where T : class, ICallObserver
    {
        services.AddSingleton<T>();
        services.AddSingleton<ICallObserver>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
