using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Recipes;
using ZonaWelfare.Abstractions.Routing;
using ZonaWelfare.Abstractions.Zones;
using ZonaWelfare.Core.Hosting;
using ZonaWelfare.Core.Modules;
using ZonaWelfare.Core.Recipes;
using ZonaWelfare.Core.Zones;

namespace ZonaWelfare.Core.Controllers;

/// <summary>Platform administration: the zones, creating one from a recipe, modules and state of each.</summary>
[PlatformEndpoint]
[Authorize(Policy = ZonaWelfareHostingExtensions.PlatformAdminPolicy)]
internal sealed class PlatformAdminController(IZoneRegistry registry, ZoneManager zones, RecipeLibrary library, ModuleCatalog catalog) : Controller
{
    private const long MaxRecipeBytes = 5 * 1024 * 1024;

    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/PlatformAdmin/Index.cshtml", await registry.ListAsync(cancellationToken));

    [HttpGet("/admin/zones/new")]
    public IActionResult Create() => View("~/Views/PlatformAdmin/Create.cshtml", new CreateZoneViewModel { Recipes = library.List() });

    [HttpPost("/admin/zones/new")]
    [RequestSizeLimit(MaxRecipeBytes + 64 * 1024)]
    public async Task<IActionResult> Create(CreateZoneViewModel model, IFormFile? upload, CancellationToken cancellationToken)
    {
        model.Recipes = library.List();
        var slug = model.Slug?.Trim().ToLowerInvariant() ?? "";
        if (ZoneManager.CheckSlug(slug) is { } slugProblem)
        {
            model.Errors.Add(slugProblem);
            return Invalid(model);
        }

        RecipeDocument recipe;
        try
        {
            recipe = await ReadRecipeAsync(model.RecipeFile, upload, cancellationToken);
        }
        catch (RecipeValidationException ex)
        {
            model.Errors.AddRange(ex.Errors.Select(e => e.ToString()));
            return Invalid(model);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            model.Errors.Add(ex.Message);
            return Invalid(model);
        }

        try
        {
            await zones.CreateAsync(slug, recipe, User.Identity?.Name, cancellationToken);
        }
        catch (RecipeValidationException ex)
        {
            model.Errors.AddRange(ex.Errors.Select(e => e.ToString()));
            return Invalid(model);
        }
        catch (ZoneExistsException ex)
        {
            // A double click or a colleague: the zone they are creating is left alone.
            model.Errors.Add(ex.Message);
            return Invalid(model, StatusCodes.Status409Conflict);
        }
        catch (ZoneOperationException ex)
        {
            model.Errors.Add(ex.Message);
            return Invalid(model);
        }

        TempData["Message"] = $"Zona «{slug}» creata dalla ricetta «{recipe.DisplayName}».";
        return Redirect($"~/admin/zones/{slug}");
    }

    [HttpGet("/admin/zones/{slug}")]
    public async Task<IActionResult> Details(string slug, CancellationToken cancellationToken)
    {
        var zone = await registry.FindBySlugAsync(slug, cancellationToken);
        return zone is null or { State: ZoneState.Uninitialized } ? NotFound() : View("~/Views/PlatformAdmin/Details.cshtml", new ZoneDetailsViewModel(zone, catalog.Ordered.Select(m => m.Manifest).ToList()));
    }

    [HttpPost("/admin/zones/{slug}/modules")]
    public async Task<IActionResult> Modules(string slug, string module, bool enable, CancellationToken cancellationToken)
    {
        ModuleChange change;
        try
        {
            change = await zones.ChangeModulesAsync(slug, enable ? [module] : [], enable ? [] : [module], cancellationToken);
        }
        catch (ZoneNotFoundException)
        {
            return NotFound();
        }

        TempData["Message"] = change.Succeeded
            ? $"Moduli attivi: {string.Join(", ", change.Modules)}."
            : "Operazione rifiutata: " + string.Join(" ", change.Errors);
        return Redirect($"~/admin/zones/{slug}");
    }

    [HttpPost("/admin/zones/{slug}/state")]
    public async Task<IActionResult> State(string slug, bool running, CancellationToken cancellationToken)
    {
        try
        {
            await zones.SetStateAsync(slug, running ? ZoneState.Running : ZoneState.Disabled, cancellationToken);
        }
        catch (ZoneNotFoundException)
        {
            return NotFound();
        }

        TempData["Message"] = running ? "Zona riattivata." : "Zona disattivata: i suoi indirizzi rispondono 404.";
        return Redirect($"~/admin/zones/{slug}");
    }

    [HttpGet("/admin/zones/{slug}/export")]
    public async Task<IActionResult> Export(string slug, CancellationToken cancellationToken)
    {
        JsonObject recipe;
        try
        {
            recipe = await zones.ExportAsync(slug, cancellationToken);
        }
        catch (ZoneNotFoundException)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(ZoneManager.Serialize(recipe) + "\n"), "application/json", $"{slug}.recipe.json");
    }

    private ViewResult Invalid(CreateZoneViewModel model, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return View("~/Views/PlatformAdmin/Create.cshtml", model);
    }

    private async Task<RecipeDocument> ReadRecipeAsync(string? recipeFile, IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is { Length: > 0 })
        {
            if (upload.Length > MaxRecipeBytes)
            {
                throw new InvalidDataException($"Il file caricato supera il limite di {MaxRecipeBytes / (1024 * 1024)} MB.");
            }

            using var reader = new StreamReader(upload.OpenReadStream(), Encoding.UTF8);
            return RecipeDocument.Parse(await reader.ReadToEndAsync(cancellationToken), upload.FileName);
        }

        return string.IsNullOrEmpty(recipeFile)
            ? throw new InvalidDataException("Scegli una ricetta dall'elenco o carica un file.")
            : library.Load(recipeFile);
    }
}

internal sealed class CreateZoneViewModel
{
    public string? Slug { get; set; }

    public string? RecipeFile { get; set; }

    public IReadOnlyList<RecipeFileInfo> Recipes { get; set; } = [];

    public List<string> Errors { get; } = [];
}

internal sealed record ZoneDetailsViewModel(ZoneDescriptor Zone, IReadOnlyList<ZonaWelfare.Abstractions.Modules.ModuleManifest> Modules);
