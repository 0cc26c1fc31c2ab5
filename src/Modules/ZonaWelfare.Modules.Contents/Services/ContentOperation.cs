using Microsoft.AspNetCore.Http;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>Who is acting in this scope, and a note for the audit trail of the current operation (scoped).</summary>
internal sealed class ContentOperation(IHttpContextAccessor http)
{
    /// <summary>Set by recipe steps: their changes are by "ricetta", not by whoever triggered them.</summary>
    public string? UserNameOverride { get; set; }

    public string? UserName => UserNameOverride ?? http.HttpContext?.User.Identity?.Name;

    /// <summary>Extra detail for the audit rows of the running operation, e.g. which version was restored.</summary>
    public string? Note { get; set; }
}
