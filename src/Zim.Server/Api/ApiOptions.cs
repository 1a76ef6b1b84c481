using System.ComponentModel.DataAnnotations;
using Zim.Protocol;

namespace Zim.Server.Api;

/// <summary>Section <c>Api</c>: request limits.</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body; a larger one is answered with HTTP 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest UserName in UTF-8 bytes: the contract's 64, or up to 256 as the real service now allows.</summary>
    [Range(1, 4096)]
    public int UserNameMaxBytes { get; set; } = ZimLimits.DefaultUserNameMaxBytes;
}
