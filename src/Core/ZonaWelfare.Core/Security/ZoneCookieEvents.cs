using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Security;

/// <summary>
/// Keeps a zone's sign-in inside its zone: the cookie's path is the zone's path base (browsers send it
/// to that zone only), it carries the zone's slug, and a cookie presented to any other zone is rejected.
/// </summary>
internal sealed class ZoneCookieEvents : CookieAuthenticationEvents
{
    public override Task SigningIn(CookieSigningInContext context)
    {
        var zone = context.HttpContext.RequestServices.GetRequiredService<IZoneContext>().Current;
        context.CookieOptions.Path = CookiePath(context.Request);
        if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == ZoneAuthentication.ZoneClaim))
        {
            identity.AddClaim(new System.Security.Claims.Claim(ZoneAuthentication.ZoneClaim, zone.Slug));
        }

        return base.SigningIn(context);
    }

    public override Task SigningOut(CookieSigningOutContext context)
    {
        context.CookieOptions.Path = CookiePath(context.Request);
        return base.SigningOut(context);
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var zone = context.HttpContext.RequestServices.GetRequiredService<IZoneContext>().Zone;
        if (zone is null || context.Principal?.FindFirst(ZoneAuthentication.ZoneClaim)?.Value != zone.Slug)
        {
            context.RejectPrincipal();
            return;
        }

        // The Users module registers Identity's validator: a changed security stamp (new password, block) ends the session.
        if (context.HttpContext.RequestServices.GetService<ISecurityStampValidator>() is { } stamps)
        {
            await stamps.ValidateAsync(context);
            if (context.Principal is null)
            {
                return;
            }
        }

        await base.ValidatePrincipal(context);
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        // A signed-in user without the permission gets a plain 403 (rendered by the error page), not a redirect.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        return base.RedirectToLogin(context);
    }

    private static string CookiePath(HttpRequest request) => request.PathBase.HasValue ? request.PathBase.Value! : "/";

    private static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
}
