using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Platform;

namespace ZonaWelfare.Core.Controllers;

/// <summary>Sign-in and sign-out of platform administrators.</summary>
[PlatformEndpoint]
internal sealed class PlatformAccountController(PlatformUsers users) : Controller
{
    [HttpGet("/admin/login")]
    public IActionResult Login(string? returnUrl) => View("~/Views/PlatformAccount/Login.cshtml", new LoginViewModel { ReturnUrl = returnUrl });

    [HttpPost("/admin/login")]
    public async Task<IActionResult> Login(LoginViewModel model, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(model.UserName) || string.IsNullOrEmpty(model.Password))
        {
            model.Error = "Inserisci nome utente e password.";
            return View("~/Views/PlatformAccount/Login.cshtml", model);
        }

        var (result, userId) = await users.CheckPasswordAsync(model.UserName, model.Password, cancellationToken);
        if (result != PlatformSignInResult.Succeeded)
        {
            model.Error = result == PlatformSignInResult.LockedOut
                ? "Troppi tentativi non riusciti: l'account è bloccato per 15 minuti."
                : "Nome utente o password non corretti.";
            model.Password = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/PlatformAccount/Login.cshtml", model);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId!),
                new Claim(ClaimTypes.Name, model.UserName.Trim()),
                new Claim(ZonaWelfareHostingExtensions.PlatformAdminClaim, "true"),
                new Claim(Security.PlatformCookieEvents.StampClaim, await users.SecurityStampAsync(userId!, cancellationToken)),
            ],
            ZonaWelfareHostingExtensions.PlatformScheme);
        await HttpContext.SignInAsync(ZonaWelfareHostingExtensions.PlatformScheme, new ClaimsPrincipal(identity));
        return Url.IsLocalUrl(model.ReturnUrl) ? LocalRedirect(model.ReturnUrl) : Redirect("~/admin");
    }

    [HttpPost("/admin/logout")]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
        // A new stamp ends this session everywhere: a copy of the cookie stops working too.
        if ((await HttpContext.AuthenticateAsync(ZonaWelfareHostingExtensions.PlatformScheme)).Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } userId)
        {
            await users.RotateSecurityStampAsync(userId, cancellationToken);
        }

        await HttpContext.SignOutAsync(ZonaWelfareHostingExtensions.PlatformScheme);
        return Redirect("~/");
    }
}

internal sealed class LoginViewModel
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }

    public string? Error { get; set; }
}
