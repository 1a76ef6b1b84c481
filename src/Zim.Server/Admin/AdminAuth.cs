namespace Zim.Server.Admin;

/// <summary>Lets a call through only with <c>Authorization: Bearer &lt;admin token&gt;</c>.</summary>
internal sealed class AdminAuth(AdminToken token) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ValueTask.FromResult<object?>(AdminResults.Error(StatusCodes.Status401Unauthorized,
                "The admin API needs an \"Authorization: Bearer <admin token>\" header."));
        }
        if (!token.Matches(header[Scheme.Length..].Trim()))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return ValueTask.FromResult<object?>(AdminResults.Error(StatusCodes.Status401Unauthorized,
                "The bearer token is not this server's admin token."));
        }
        return next(context);
    }
}
