using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Modules.Users.Data;
using ZonaWelfare.Modules.Users.Security;

namespace ZonaWelfare.Modules.Users.Controllers;

/// <summary>Sign-in and sign-out of a zone's own users, with the zone cookie.</summary>
internal sealed class ZoneAccountController(SignInManager<ZoneUser> accounts) : Controller
{
    private const string LoginView = "~/Views/ZoneAccount/Login.cshtml";

    [HttpGet("/account/login")]
    public IActionResult Login(string? returnUrl) =>
        View(LoginView, new LoginForm { ReturnUrl = returnUrl, SignedInAs = accounts.IsSignedIn(User) ? User.Identity?.Name : null });

    [HttpPost("/account/login")]
    public async Task<IActionResult> Login(string? userName, string? password, string? returnUrl)
    {
        var form = new LoginForm { UserName = userName?.Trim(), ReturnUrl = returnUrl };
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Refused(form, "Inserisci nome utente e password.");
        }

        var users = accounts.UserManager;
        var user = await users.FindByNameAsync(form.UserName!) ?? await users.FindByEmailAsync(form.UserName!);
        if (user is null)
        {
            return Refused(form, "Nome utente o password non corretti.");
        }

        var result = await accounts.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        if (result.IsLockedOut)
        {
            return Refused(form, user.LockoutEnd >= IdentityRules.BlockedByAdministrator
                ? "L'account è stato bloccato da un amministratore della zona: rivolgiti a lui per riattivarlo."
                : $"Troppi tentativi non riusciti: l'account è bloccato per {IdentityRules.LockoutDuration.TotalMinutes:0} minuti. Riprova più tardi.");
        }

        return Refused(form, "Nome utente o password non corretti.");
    }

    [HttpPost("/account/logout")]
    public async Task<IActionResult> Logout()
    {
        // A new security stamp ends the session everywhere (the stamp is checked on every request): a copy of the
        // cookie stops working too.
        if (await accounts.UserManager.GetUserAsync(User) is { } user)
        {
            await accounts.UserManager.UpdateSecurityStampAsync(user);
        }

        await accounts.SignOutAsync();
        TempData["Message"] = "Sei uscito.";
        return LocalRedirect("~/account/login");
    }

    private ViewResult Refused(LoginForm form, string error)
    {
        form.Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(LoginView, form);
    }

    /// <summary>A local address inside this zone (its cookie is not sent anywhere else), or the zone's admin.</summary>
    private string SafeReturnUrl(string? returnUrl)
    {
        const string home = "~/admin";
        if (string.IsNullOrEmpty(returnUrl) || !Url.IsLocalUrl(returnUrl))
        {
            return home;
        }

        var zoneRoot = Request.PathBase.Value ?? "";
        var insideZone = returnUrl.StartsWith("~/", StringComparison.Ordinal)
            || zoneRoot.Length == 0
            || returnUrl == zoneRoot
            || returnUrl.StartsWith(zoneRoot + "/", StringComparison.Ordinal)
            || returnUrl.StartsWith(zoneRoot + "?", StringComparison.Ordinal);
        return insideZone ? returnUrl : home;
    }
}
