using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Platform;

namespace ZonaWelfare.Core.Security;

/// <summary>
/// The platform administrators' cookie. It is valid while its security stamp is the user's: checked on every request
/// (one indexed read), so a sign-out ends every copy of the session at once, on every node. Inside a zone,
/// <c>[ZoneAdmin]</c> challenges both cookies and the zone cookie answers (its sign-in page, or a 403).
/// </summary>
internal sealed class PlatformCookieEvents(PlatformUsers users) : CookieAuthenticationEvents
{
    /// <summary>The platform user's security stamp in the platform cookie.</summary>
    public const string StampClaim = "zw:platform-stamp";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var stamp = context.Principal?.FindFirst(StampClaim)?.Value;
        if (userId is null || stamp is null || !await users.IsCurrentAsync(userId, stamp, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ZoneAuthentication.PlatformScheme);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        InZone(context.HttpContext) ? Task.CompletedTask : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        InZone(context.HttpContext) ? Task.CompletedTask : base.RedirectToAccessDenied(context);

    private static bool InZone(HttpContext context) => context.RequestServices.GetRequiredService<IZoneContext>().Zone is not null;
}
