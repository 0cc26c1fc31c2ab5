using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Controllers;

/// <summary>A zone's home page: its name, comuni, presentation and the sections its modules offer.</summary>
[ZoneEndpoint]
internal sealed class ZoneHomeController(IZoneContext zoneContext, IZoneSettingsStore settings, IZoneNavigation navigation) : Controller
{
    [HttpGet("/")]
    [OutputCache(PolicyName = ZoneOutputCache.PolicyName)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var zone = zoneContext.Current;
        var site = await settings.GetAsync<SiteSettings>(SiteSettings.SectionName, cancellationToken);
        var sections = await navigation.GetItemsAsync(cancellationToken);
        ViewData["Tagline"] = site.Tagline;
        return View("~/Views/ZoneHome/Index.cshtml", new ZoneHomeViewModel(zone, site, sections));
    }
}

internal sealed record ZoneHomeViewModel(ZoneDescriptor Zone, SiteSettings Site, IReadOnlyList<NavigationItem> Sections);
