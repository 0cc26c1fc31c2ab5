using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Security;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Controllers;

/// <summary>The audit trail: who did what to which content, and when.</summary>
[ZonePermission(ContentsPermissions.ViewAuditTrailName)]
[Route("admin/audit")]
internal sealed class ContentAuditController(ContentsDbContext contentsDb) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? item, int page = 1, CancellationToken cancellationToken = default)
    {
        var query = contentsDb.Audit.AsNoTracking();
        if (!string.IsNullOrEmpty(item))
        {
            query = query.Where(a => a.ContentItemId == item);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await query.OrderByDescending(a => a.Utc).ThenBy(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return View("~/Views/Contents/Audit/Index.cshtml", new AuditModel(rows, item, page, pages));
    }
}

internal sealed record AuditModel(IReadOnlyList<AuditRecord> Rows, string? Item, int Page, int Pages);
