using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Zones;

namespace ZonaWelfare.Modules.OpenData.Controllers;

/// <summary>The zone's open data page: what can be downloaded, in which formats.</summary>
internal sealed class OpenDataController(IZoneContext zoneContext) : Controller
{
    [HttpGet("/opendata")]
    public IActionResult Index() => View("~/Views/OpenData/Index.cshtml", zoneContext.Current);
}
