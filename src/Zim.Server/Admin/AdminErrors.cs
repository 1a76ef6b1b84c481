using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using StackExchange.Redis;
using Zim.Server.Storage;

namespace Zim.Server.Admin;

/// <summary>
/// The one place where an admin call that threw is answered: a database or Redis that failed (503) or anything else, a
/// bug (500), each with the admin error JSON and a sentence, never ASP.NET's bare 500 with an empty body.
/// </summary>
internal static class AdminErrors
{
    /// <summary>
    /// As middleware around the admin API, not as an endpoint filter: an export fails while its result is
    /// written, after the filters have run. ASP.NET logs the exception with its stack.
    /// </summary>
    public static IApplicationBuilder UseAdminErrors(this IApplicationBuilder app, PathString path) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(path),
            admin => admin.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteAsync }));

    private static Task WriteAsync(HttpContext context)
    {
        var exception = context.Features.GetRequiredFeature<IExceptionHandlerFeature>().Error;
        var fault = context.RequestServices.GetRequiredService<IStorage>().DescribeFault(exception);
        var answer = fault is not null
            ? AdminResults.Error(StatusCodes.Status503ServiceUnavailable, $"The database cannot be used: {fault.Description}")
            : exception is DbException
                ? AdminResults.Error(StatusCodes.Status503ServiceUnavailable,
                    "The database failed during this call (the server's log says how); retry it once /healthz answers 200.")
                : exception is RedisException or RedisTimeoutException
                    ? AdminResults.Error(StatusCodes.Status503ServiceUnavailable,
                        "Redis failed during this call (the server's log says how); retry it once /healthz says \"Limits\":\"shared (Redis)\".")
                    : AdminResults.Error(StatusCodes.Status500InternalServerError, "Internal error (the server's log says where); the call may be retried.");
        return answer.ExecuteAsync(context);
    }
}
