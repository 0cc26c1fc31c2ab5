using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Modules;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Settings;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Core.Controllers;

/// <summary>A zone's home page: its name, comuni, presentation and the sections its modules offer.</summary>
[ZoneEndpoint]
public sealed class ZoneHomeController(IZoneContext zoneContext, IZoneSettingsStore settings, IEnumerable<NavigationItem> navigation) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var zone = zoneContext.Current;
        var site = await settings.GetAsync<SiteSettings>(SiteSettings.SectionName, cancellationToken);
        var sections = navigation.Where(n => zone.IsModuleEnabled(n.ModuleId)).OrderBy(n => n.Order).ToList();
        ViewData["Tagline"] = site.Tagline;
        return View("~/Views/ZoneHome/Index.cshtml", new ZoneHomeViewModel(zone, site, sections));
    }
}

public sealed record ZoneHomeViewModel(ZoneDescriptor Zone, SiteSettings Site, IReadOnlyList<NavigationItem> Sections);
