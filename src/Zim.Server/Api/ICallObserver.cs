namespace Zim.Server.Api;

/// <summary>One answered ZIM call, as the dispatcher hands it to observers (request log, metrics).</summary>
internal sealed record AnsweredCall(uint? AppId, string Action, int Code, string Message, TimeSpan Duration, string RequestId, long BodyBytes);

/// <summary>Told of every answered call, after the answer is written; must be quick and must not throw.</summary>
internal interface ICallObserver
{
    void Observe(AnsweredCall call);
}
