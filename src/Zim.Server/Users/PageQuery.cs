using Zim.Protocol;
using Zim.Protocol.Wire;
using Zim.Server.Api;

namespace Zim.Server.Users;

/// <summary>
/// The query of a list GET (QueryBlacklist, QueryFriendList): <c>FromUserId</c>; <c>Limit</c>, where absent, 0
/// or above 100 mean 100; and <c>Next</c>, the count of entries already returned (absent, empty or 0: none).
/// </summary>
internal readonly record struct PageQuery(string FromUserId, long Offset, int Size)
{
    /// <summary>The query, or the sentence of a 660000002.</summary>
    public static (PageQuery Query, string? Problem) Read(GetParameters parameters)
    {
        var from = FromUser.Read(parameters);
        var (limit, limitProblem) = parameters.ReadCount("Limit");
        var (skip, nextProblem) = parameters.ReadCount("Next");
        if ((from.Problem ?? limitProblem ?? nextProblem) is { } problem)
        {
            return (default, problem);
        }
        return (new PageQuery(from.Id!, skip ?? 0, limit is null or 0 or > ZimLimits.MaxPage ? ZimLimits.MaxPage : (int)limit), null);
    }

    /// <summary>
    /// The course of a list GET: read the query (660000002), fetch the page (null: 660500002), answer with it;
    /// <paramref name="reject"/> gives the action's empty answer.
    /// </summary>
    public static async Task<ZimResponse> AnswerAsync<TPage>(ActionRequest request, Func<PageQuery, Task<TPage?>> fetch,
        Func<PageQuery, TPage, ZimResponse> answer, Func<int, string, ZimResponse> reject)
        where TPage : class
    {
        using var parameters = new GetParameters(request.Query, request.Body);
        var (query, problem) = Read(parameters);
        if (problem is not null)
        {
            return reject(ZimCode.InvalidParameter, problem);
        }
        return await fetch(query) is { } page ? answer(query, page) : reject(ZimCode.FromUserNotRegistered, FromUser.NotRegistered(query.FromUserId));
    }

    /// <summary>The answer's <c>Next</c> after a page of <paramref name="returned"/> entries: 0 when it ends the list.</summary>
    public long NextAfter(int returned, long total) => returned > 0 && Offset + returned < total ? Offset + returned : 0;
}
