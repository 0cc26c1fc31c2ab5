using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Security;

namespace ZonaWelfare.Modules.Contents.Controllers;

/// <summary>
/// Base of the module's controllers. Controllers must be public while the module's services stay
/// internal, so services come from the request's scope rather than the constructor.
/// </summary>
public abstract class ContentsControllerBase : Controller
{
    private protected T Service<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    private protected Task<bool> CanAsync(Permission permission) =>
        Service<IAuthorizationService>().AuthorizeAsync(User, permission);

    /// <summary>403 for a signed-in zone user without the permission (the zone cookie answers it without a redirect).</summary>
    private protected IActionResult Denied() => Forbid(ZoneAuthentication.ZoneScheme);
}
