using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Admin;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Security;

namespace ZonaWelfare.Core.Controllers;

/// <summary>A zone's admin dashboard: the sections of the enabled modules the user may use.</summary>
[ZoneEndpoint]
[ZonePermission(CorePermissions.AccessAdminName)]
internal sealed class ZoneAdminController(IZoneContext zoneContext, IAdminMenu menu) : Controller
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var items = await menu.VisibleItemsAsync(User, cancellationToken);
        return View("~/Views/ZoneAdmin/Index.cshtml", new ZoneAdminViewModel(zoneContext.Current, items));
    }
}

internal sealed record ZoneAdminViewModel(ZoneDescriptor Zone, IReadOnlyList<AdminMenuItem> Items);
