using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Controllers;

/// <summary>The platform's home page: the zones that are running, with their comuni.</summary>
[PlatformEndpoint]
internal sealed class PlatformHomeController(IZoneRegistry registry) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var zones = await registry.ListAsync(cancellationToken);
        return View("~/Views/PlatformHome/Index.cshtml", zones.Where(z => z.State == ZoneState.Running).ToList());
    }
}
