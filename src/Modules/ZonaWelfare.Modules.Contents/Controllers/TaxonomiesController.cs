using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Security;
using ZonaWelfare.Abstractions.Caching;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Controllers;

/// <summary>Taxonomies of the zone: one term per line; a term keeps its id while its name stays the same.</summary>
[ZonePermission(ContentsPermissions.ManageContentTypesName)]
[Route("admin/taxonomies")]
internal sealed class TaxonomiesController(ContentDefinitionStore store, IZoneCacheInvalidator cacheInvalidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? edit, CancellationToken cancellationToken)
    {
        var taxonomies = await store.ListTaxonomiesAsync(cancellationToken);
        var current = taxonomies.FirstOrDefault(t => t.Name == edit);
        return View("~/Views/Contents/Taxonomies/Index.cshtml", new TaxonomiesModel(taxonomies, current?.Name ?? "", current?.DisplayName ?? "", string.Join("\n", current?.Terms.Select(t => t.Name) ?? []), []));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(string? name, string? displayName, string? terms, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? "";
        var existing = await store.GetTaxonomyAsync(name, cancellationToken);
        var lines = (terms ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.CurrentCultureIgnoreCase).ToList();
        var list = new List<TaxonomyTerm>();
        foreach (var line in lines)
        {
            var id = existing?.Terms.FirstOrDefault(t => t.Name == line)?.Id ?? TextFolding.Slugify(line, 60);
            while (list.Any(t => t.Id == id))
            {
                id += "-2";
            }

            list.Add(new TaxonomyTerm(id, line));
        }

        var taxonomy = new TaxonomyDefinition(name, displayName?.Trim() ?? "", list);
        var errors = new List<string>();
        DefinitionRules.CheckTaxonomy(taxonomy, (_, message) => errors.Add(char.ToUpperInvariant(message[0]) + message[1..]));
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("~/Views/Contents/Taxonomies/Index.cshtml", new TaxonomiesModel(await store.ListTaxonomiesAsync(cancellationToken), name, displayName ?? "", terms ?? "", errors));
        }

        if (await store.SaveTaxonomyAsync(taxonomy, cancellationToken))
        {
            await cacheInvalidator.InvalidateAsync(cancellationToken);
        }

        TempData["Message"] = $"La tassonomia «{taxonomy.DisplayName}» è stata salvata.";
        return Redirect(Url.Content("~/admin/taxonomies"));
    }
}

internal sealed record TaxonomiesModel(IReadOnlyList<TaxonomyDefinition> Taxonomies, string Name, string DisplayName, string Terms, IReadOnlyList<string> Errors);
