using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Jobs;
using ZonaWelfare.Core.Security;

namespace ZonaWelfare.Core.Controllers;

/// <summary>The zone's background jobs: pending, running, failed (with error and attempts), skipped, done; newest first.</summary>
[ZoneEndpoint]
[ZonePermission(CorePermissions.ManageJobsName)]
[Route("/admin/jobs")]
internal sealed class ZoneJobsAdminController(IZoneContext zoneContext, ZoneJobAdmin jobs) : Controller
{
    public const int PageSize = 25;

    /// <summary>The state filter as it appears in the address (Italian, as the page).</summary>
    public static readonly IReadOnlyDictionary<string, ZoneJobState> StateSlugs = new Dictionary<string, ZoneJobState>(StringComparer.Ordinal)
    {
        ["in-attesa"] = ZoneJobState.Pending,
        ["in-esecuzione"] = ZoneJobState.Running,
        ["non-riusciti"] = ZoneJobState.Failed,
        ["saltati"] = ZoneJobState.Skipped,
        ["completati"] = ZoneJobState.Done,
    };

    [HttpGet("")]
    public async Task<IActionResult> Index(string? stato, int pagina = 1, CancellationToken cancellationToken = default)
    {
        ZoneJobState? state = null;
        if (!string.IsNullOrEmpty(stato))
        {
            if (!StateSlugs.TryGetValue(stato, out var known))
            {
                return NotFound();
            }

            state = known;
        }

        var page = await jobs.ListAsync(state, pagina, PageSize, cancellationToken);
        return View("~/Views/ZoneJobsAdmin/Index.cshtml", new ZoneJobsViewModel(zoneContext.Current, page, stato));
    }

    [HttpPost("{id}/retry")]
    public async Task<IActionResult> Retry(string id, CancellationToken cancellationToken)
    {
        if (await jobs.RetryAsync(id, cancellationToken))
        {
            TempData["Message"] = "Il lavoro è di nuovo in coda: verrà eseguito a breve.";
        }
        else
        {
            TempData["Error"] = "Il lavoro non esiste o non è tra quelli non riusciti o saltati: non è stato rimesso in coda.";
        }

        return Redirect(Url.Content("~/admin/jobs"));
    }

    /// <summary>How the page names a state.</summary>
    public static string Label(ZoneJobState state) => state switch
    {
        ZoneJobState.Pending => "in attesa",
        ZoneJobState.Running => "in esecuzione",
        ZoneJobState.Failed => "non riuscito",
        ZoneJobState.Skipped => "saltato",
        _ => "completato",
    };
}

public sealed record ZoneJobsViewModel(ZoneDescriptor Zone, ZoneJobPage Jobs, string? StateSlug);
