using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Modules.Users.Security;

namespace ZonaWelfare.Modules.Users.Controllers;

/// <summary>
/// Refuses (403) a signed-in user without <see cref="Permission"/> in the current zone. Runs after the
/// authorization middleware has authenticated the user with <c>[ZoneAdmin]</c>'s schemes, so anonymous
/// visitors have already been sent to the sign-in page.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RequiresPermissionAttribute(string permission) : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public string Permission { get; } = permission;

    public int Order => 1;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var services = context.HttpContext.RequestServices;
        var known = services.GetRequiredService<PermissionCatalog>();
        var permission = new Permission(Permission, Permission, known.ModuleOf(Permission));
        if (!await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.HttpContext.User, permission))
        {
            context.Result = new ForbidResult(ZoneAuthentication.ZoneScheme);
        }
    }
}
