using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ZonaWelfare.Abstractions.Security;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;
using ZonaWelfare.Modules.Contents.Services;

namespace ZonaWelfare.Modules.Contents.Controllers;

/// <summary>The content type editor: settings, parts, fields and their settings.</summary>
[ZonePermission(ContentsPermissions.ManageContentTypesName)]
[Route("admin/content-types")]
internal sealed class ContentTypesController(ContentDefinitionStore store, ContentTypeService typeService, ContentShape contentShape, ContentsDbContext contentsDb, ZonaWelfare.Abstractions.Zones.IZoneContext zoneContext) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        return await ListAsync(new Dictionary<string, string>(), "", "", StatusCodes.Status200OK, cancellationToken);
    }

    [HttpPost("")]
    public async Task<IActionResult> Create(string? name, string? displayName, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? "";
        displayName = displayName?.Trim() ?? "";
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await store.GetTypeAsync(name, cancellationToken) is not null)
        {
            errors["name"] = $"Esiste già un tipo di contenuto con il nome tecnico «{name}».";
        }
        else
        {
            var type = new ContentTypeDefinition(name, displayName, Parts: [nameof(TitlePart)], Settings: new ContentTypeSettings(), Fields: []);
            foreach (var (path, message) in await typeService.SaveAsync(type, "creato dall'amministrazione", cancellationToken))
            {
                errors.TryAdd(path, Capitalize(message));
            }
        }

        if (errors.Count > 0)
        {
            return await ListAsync(errors, name, displayName, StatusCodes.Status400BadRequest, cancellationToken);
        }

        TempData["Message"] = $"Il tipo di contenuto «{displayName}» è stato creato: aggiungi i campi.";
        return Redirect(Url.Content("~/admin/content-types/" + name));
    }

    [HttpGet("{name}")]
    public async Task<IActionResult> Edit(string name, CancellationToken cancellationToken)
    {
        var type = await store.GetTypeAsync(name, cancellationToken);
        return type is null ? NotFound() : await EditorAsync(type, new Dictionary<string, string>(), StatusCodes.Status200OK, cancellationToken);
    }

    [HttpPost("{name}")]
    public async Task<IActionResult> Save(string name, CancellationToken cancellationToken)
    {
        var type = await store.GetTypeAsync(name, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var pattern = form["routePattern"].ToString().Trim();
        var updated = type with
        {
            DisplayName = form["displayName"].ToString().Trim(),
            Description = form["description"].ToString().Trim() is { Length: > 0 } description ? description : null,
            Parts = contentShape.Parts.Keys.Where(p => form["parts"].Contains(p)).Order(StringComparer.Ordinal).ToList(),
            Settings = new ContentTypeSettings(
                Creatable: form["creatable"].Contains("true"),
                Draftable: form["draftable"].Contains("true"),
                Versionable: form["versionable"].Contains("true"),
                Listable: form["listable"].Contains("true"),
                RoutePattern: pattern.Length > 0 ? pattern : null),
        };
        return await SaveAndShowAsync(updated, "impostazioni modificate", $"Il tipo «{updated.DisplayName}» è stato salvato.", cancellationToken);
    }

    [HttpPost("{name}/fields")]
    public async Task<IActionResult> AddField(string name, string? fieldName, string? fieldDisplayName, string? fieldType, CancellationToken cancellationToken)
    {
        var type = await store.GetTypeAsync(name, cancellationToken);
        if (type is null)
        {
            return NotFound();
        }

        if (!Enum.TryParse<ContentFieldKind>(fieldType, ignoreCase: true, out var kind))
        {
            return await EditorAsync(type, new Dictionary<string, string> { ["fieldType"] = "Scegli il tipo del campo." }, StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (type.Field(fieldName?.Trim() ?? "") is not null)
        {
            return await EditorAsync(type, new Dictionary<string, string> { ["fieldName"] = $"Il tipo ha già un campo «{fieldName}»." }, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var field = new ContentFieldDefinition(fieldName?.Trim() ?? "", fieldDisplayName?.Trim() ?? "", kind);
        var updated = type with { Fields = type.FieldList.Append(field).ToList() };
        return await SaveAndShowAsync(updated, $"aggiunto il campo «{field.DisplayName}»", $"Il campo «{field.DisplayName}» è stato aggiunto.", cancellationToken);
    }

    [HttpGet("{name}/fields/{field}")]
    public async Task<IActionResult> EditField(string name, string field, CancellationToken cancellationToken)
    {
        var type = await store.GetTypeAsync(name, cancellationToken);
        var definition = type?.Field(field);
        return type is null || definition is null ? NotFound() : await FieldEditorAsync(type, definition, new Dictionary<string, string>(), StatusCodes.Status200OK, cancellationToken);
    }

    [HttpPost("{name}/fields/{field}")]
    public async Task<IActionResult> SaveField(string name, string field, CancellationToken cancellationToken)
    {
        var type = await store.GetTypeAsync(name, cancellationToken);
        var current = type?.Field(field);
        if (type is null || current is null)
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        int? Int(string key) => form[key].ToString().Trim() is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : Fail<int>(key, "deve essere un numero intero.")
            : null;
        decimal? Dec(string key) => form[key].ToString().Trim() is { Length: > 0 } text
            ? decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : Fail<decimal>(key, "deve essere un numero.")
            : null;
        T? Fail<T>(string key, string message)
            where T : struct
        {
            errors[key] = "Il valore " + message;
            return null;
        }

        var kind = current.Type;
        var extensions = form["allowedExtensions"].ToString().Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => (e.StartsWith('.') ? e : "." + e).ToLowerInvariant()).ToList();
        var contentTypes = form["contentTypes"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
        var updatedField = current with
        {
            DisplayName = form["displayName"].ToString().Trim(),
            Hint = form["hint"].ToString().Trim() is { Length: > 0 } hint ? hint : null,
            Required = kind != ContentFieldKind.Boolean && form["required"].Contains("true"),
            MaxLength = kind is ContentFieldKind.Text or ContentFieldKind.Markdown or ContentFieldKind.Link ? Int("maxLength") : null,
            Min = kind == ContentFieldKind.Number ? Dec("min") : null,
            Max = kind == ContentFieldKind.Number ? Dec("max") : null,
            Multiple = FieldRules.IsMultiValued(kind) && form["multiple"].Contains("true"),
            Taxonomy = kind == ContentFieldKind.Taxonomy ? form["taxonomy"].ToString() is { Length: > 0 } taxonomy ? taxonomy : null : null,
            ContentTypes = kind == ContentFieldKind.ContentPicker && contentTypes.Count > 0 ? contentTypes : null,
            AllowedExtensions = kind == ContentFieldKind.Media && extensions.Count > 0 ? extensions : null,
            MaxSizeKb = kind == ContentFieldKind.Media ? Int("maxSizeKb") : null,
        };
        if (errors.Count > 0)
        {
            return await FieldEditorAsync(type, updatedField, errors, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var updated = type with { Fields = type.FieldList.Select(f => f.Name == field ? updatedField : f).ToList() };
        var index = type.FieldList.ToList().FindIndex(f => f.Name == field);
        var problems = await typeService.SaveAsync(updated, $"modificato il campo «{updatedField.DisplayName}»", cancellationToken);
        if (problems.Count > 0)
        {
            var prefix = $"fields[{index}].";
            foreach (var (path, message) in problems)
            {
                errors.TryAdd(path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..].Split('[')[0] : path, Capitalize(message));
            }

            return await FieldEditorAsync(type, updatedField, errors, StatusCodes.Status400BadRequest, cancellationToken);
        }

        TempData["Message"] = $"Il campo «{updatedField.DisplayName}» è stato salvato.";
        return Redirect(Url.Content("~/admin/content-types/" + name));
    }

    [HttpPost("{name}/fields/{field}/remove")]
    public async Task<IActionResult> RemoveField(string name, string field, CancellationToken cancellationToken)
    {
        var type = await store.GetTypeAsync(name, cancellationToken);
        var removed = type?.Field(field);
        if (type is null || removed is null)
        {
            return NotFound();
        }

        var updated = type with { Fields = type.FieldList.Where(f => f.Name != field).ToList() };
        return await SaveAndShowAsync(updated, $"rimosso il campo «{removed.DisplayName}»", $"Il campo «{removed.DisplayName}» è stato rimosso; i valori restano nelle versioni precedenti.", cancellationToken);
    }

    private async Task<IActionResult> SaveAndShowAsync(ContentTypeDefinition updated, string details, string message, CancellationToken cancellationToken)
    {
        var problems = await typeService.SaveAsync(updated, details, cancellationToken);
        if (problems.Count > 0)
        {
            return await EditorAsync(updated, problems.ToDictionary(p => p.Key, p => Capitalize(p.Value), StringComparer.Ordinal), StatusCodes.Status400BadRequest, cancellationToken);
        }

        TempData["Message"] = message;
        return Redirect(Url.Content("~/admin/content-types/" + updated.Name));
    }

    private async Task<IActionResult> ListAsync(Dictionary<string, string> errors, string name, string displayName, int status, CancellationToken cancellationToken)
    {
        var types = await store.ListTypesAsync(cancellationToken);
        var counts = await contentsDb.Items.AsNoTracking().Where(i => !i.Deleted).GroupBy(i => i.ContentType)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Response.StatusCode = status;
        return View("~/Views/Contents/Types/Index.cshtml", new ContentTypeListModel(types, counts, errors, name, displayName));
    }

    private Task<IActionResult> EditorAsync(ContentTypeDefinition type, Dictionary<string, string> errors, int status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Response.StatusCode = status;
        var zone = zoneContext.Current;
        var parts = contentShape.Parts.Values.Where(p => zone.IsModuleEnabled(p.ModuleId)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return Task.FromResult<IActionResult>(View("~/Views/Contents/Types/Edit.cshtml", new ContentTypeEditModel(type, parts, errors)));
    }

    private async Task<IActionResult> FieldEditorAsync(ContentTypeDefinition type, ContentFieldDefinition field, Dictionary<string, string> errors, int status, CancellationToken cancellationToken)
    {
        Response.StatusCode = status;
        return View("~/Views/Contents/Types/Field.cshtml", new ContentFieldEditModel(type, field, await store.ListTaxonomiesAsync(cancellationToken), await store.ListTypesAsync(cancellationToken), errors));
    }

    private static string Capitalize(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];
}

internal sealed record ContentTypeListModel(IReadOnlyList<ContentTypeDefinition> Types, IReadOnlyDictionary<string, int> Counts, IReadOnlyDictionary<string, string> Errors, string Name, string DisplayName);

internal sealed record ContentTypeEditModel(ContentTypeDefinition Type, IReadOnlyList<ZonaWelfare.Abstractions.Contents.ContentPartDescriptor> Parts, IReadOnlyDictionary<string, string> Errors);

internal sealed record ContentFieldEditModel(ContentTypeDefinition Type, ContentFieldDefinition Field, IReadOnlyList<TaxonomyDefinition> Taxonomies, IReadOnlyList<ContentTypeDefinition> Types, IReadOnlyDictionary<string, string> Errors);
