using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Controllers;

/// <summary>
/// Public pages: a published item whose type has a route pattern answers at <c>/{zone}/{path}</c>. The
/// route is a low-priority catch-all, so every other endpoint of the zone wins; an unknown path is a 404.
/// </summary>
internal sealed class ContentPagesController(ContentsDbContext contentsDb, ContentManager manager, ContentDefinitionStore store, ContentPageBuilder pageBuilder) : Controller
{
    [HttpGet("{**path}", Order = int.MaxValue)]
    [OutputCache(PolicyName = ZoneOutputCache.PolicyName)]
    public async Task<IActionResult> Display(string? path, CancellationToken cancellationToken)
    {
        var normalized = path?.Trim('/');
        if (string.IsNullOrEmpty(normalized) || normalized.Length > 300)
        {
            return NotFound();
        }

        var route = await contentsDb.Routes.AsNoTracking().FirstOrDefaultAsync(r => r.Path == normalized, cancellationToken);
        if (route is null)
        {
            return NotFound();
        }

        var item = await manager.GetAsync(route.ContentItemId, VersionOptions.Published, cancellationToken);
        var type = item is null ? null : await store.GetTypeAsync(item.ContentType, cancellationToken);
        if (item is null || type is null)
        {
            return NotFound();
        }

        return View("~/Views/Contents/Public/Display.cshtml", await pageBuilder.BuildAsync(item, type, previewNote: null, cancellationToken));
    }
}
