using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Security;

namespace ZonaWelfare.Core.Controllers;

/// <summary>A zone's admin dashboard: the sections of the enabled modules the user may use.</summary>
[ZoneEndpoint]
[ZoneAdmin]
public sealed class ZoneAdminController(IZoneContext zoneContext, IAuthorizationService authorization, IAdminMenu menu) : Controller
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (!await authorization.AuthorizeAsync(User, CorePermissions.AccessAdmin))
        {
            return Forbid(ZoneAuthentication.ZoneScheme, ZoneAuthentication.PlatformScheme);
        }

        var items = await menu.VisibleItemsAsync(User, cancellationToken);
        return View("~/Views/ZoneAdmin/Index.cshtml", new ZoneAdminViewModel(zoneContext.Current, items));
    }
}

public sealed record ZoneAdminViewModel(ZoneDescriptor Zone, IReadOnlyList<AdminMenuItem> Items);
