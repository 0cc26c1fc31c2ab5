using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>What the editor form shows: the type's inputs with their current values and errors.</summary>
internal sealed class ContentEditorModel
{
    public required ContentTypeDefinition Type { get; init; }

    public string? ContentItemId { get; set; }

    public string? LatestVersionId { get; set; }

    public bool IsNew => ContentItemId is null;

    public string DisplayText { get; set; } = "";

    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public bool ShowInMenu { get; set; }

    public string MenuText { get; set; } = "";

    public int MenuOrder { get; set; } = 100;

    /// <summary>Raw input of single-valued fields (link fields use <c>{Name}.url</c> and <c>{Name}.text</c>).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Chosen ids of taxonomy and content picker fields.</summary>
    public Dictionary<string, List<string>> Selected { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<MediaValue>> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Input id → Italian message.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? GeneralError { get; set; }

    public bool Published { get; set; }

    public bool HasDraft { get; set; }

    public string? PublicPath { get; set; }

    public bool CanPublish { get; set; }

    public bool CanDelete { get; set; }

    public IReadOnlyList<TaxonomyDefinition> Taxonomies { get; set; } = [];

    /// <summary>Content picker field → items that can be picked (id, title).</summary>
    public Dictionary<string, List<KeyValuePair<string, string>>> PickerOptions { get; } = new(StringComparer.Ordinal);

    public static string FieldInput(string field) => "field-" + field;

    /// <summary>The input id a problem of the document belongs to.</summary>
    public static string InputOf(string problemKey) => problemKey switch
    {
        "parts.TitlePart.title" => "title",
        "parts.AutoroutePart.slug" => "slug",
        "parts.MenuPart.menuText" => "menuText",
        _ when problemKey.StartsWith("fields.", StringComparison.Ordinal) => FieldInput(problemKey["fields.".Length..]),
        _ => "general",
    };
}

/// <summary>Moves values between a document, the editor model and the posted form.</summary>
internal sealed class ContentEditor(ContentDefinitionStore definitions, ContentsDbContext db)
{
    public async Task<ContentEditorModel> FromItemAsync(ContentTypeDefinition type, ContentItem item, bool isNew, CancellationToken cancellationToken)
    {
        var model = new ContentEditorModel { Type = type, ContentItemId = isNew ? null : item.ContentItemId, LatestVersionId = isNew ? null : item.ContentItemVersionId, DisplayText = item.DisplayText };
        model.Title = ContentShape.TitleOf(item.Content);
        model.Slug = ContentShape.SlugOf(item.Content) ?? "";
        if (item.Content[nameof(MenuPart)] is JsonObject menu)
        {
            model.ShowInMenu = menu["showInMenu"]?.GetValue<bool>() == true;
            model.MenuText = menu["menuText"]?.GetValue<string>() ?? "";
            model.MenuOrder = menu["order"]?.GetValue<int>() ?? 100;
        }

        var values = item.Content[type.Name] as JsonObject;
        foreach (var field in type.FieldList)
        {
            var value = values?[field.Name];
            if (value is null || FieldRules.ShapeError(field, value) is not null)
            {
                continue;
            }

            switch (field.Type)
            {
                case ContentFieldKind.Link:
                    model.Values[field.Name + ".url"] = value["url"]?.GetValue<string>() ?? "";
                    model.Values[field.Name + ".text"] = value["text"]?.GetValue<string>() ?? "";
                    break;
                case ContentFieldKind.Taxonomy or ContentFieldKind.ContentPicker:
                    model.Selected[field.Name] = value.AsArray().Select(v => v!.GetValue<string>()).ToList();
                    break;
                case ContentFieldKind.Media:
                    model.Files[field.Name] = value.AsArray().Select(v => v!.Deserialize<MediaValue>(ContentJson.Options)!).ToList();
                    break;
                case ContentFieldKind.Number:
                    model.Values[field.Name] = value.GetValue<decimal>().ToString(CultureInfo.InvariantCulture);
                    break;
                case ContentFieldKind.Boolean:
                    model.Values[field.Name] = value.GetValue<bool>() ? "true" : "false";
                    break;
                default:
                    model.Values[field.Name] = value.GetValue<string>();
                    break;
            }
        }

        await AddLookupsAsync(model, cancellationToken);
        return model;
    }

    /// <summary>Reads the posted form into the model; conversion errors (not a number, not a date) go to <see cref="ContentEditorModel.Errors"/>.</summary>
    public async Task<ContentEditorModel> FromFormAsync(ContentTypeDefinition type, IFormCollection form, CancellationToken cancellationToken)
    {
        var model = new ContentEditorModel
        {
            Type = type,
            ContentItemId = NullIfEmpty(form["contentItemId"]),
            LatestVersionId = NullIfEmpty(form["latestVersionId"]),
            Title = form["title"].ToString(),
            Slug = form["slug"].ToString().Trim(),
            ShowInMenu = form["showInMenu"].Contains("true"),
            MenuText = form["menuText"].ToString(),
            MenuOrder = int.TryParse(form["menuOrder"], CultureInfo.InvariantCulture, out var order) ? order : 100,
        };
        model.DisplayText = model.Title;
        foreach (var field in type.FieldList)
        {
            var input = ContentEditorModel.FieldInput(field.Name);
            switch (field.Type)
            {
                case ContentFieldKind.Link:
                    model.Values[field.Name + ".url"] = form[input + "-url"].ToString();
                    model.Values[field.Name + ".text"] = form[input + "-text"].ToString();
                    break;
                case ContentFieldKind.Taxonomy or ContentFieldKind.ContentPicker:
                    model.Selected[field.Name] = form[input].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
                    break;
                case ContentFieldKind.Media:
                    var kept = form[input + "-keep"].Where(v => !string.IsNullOrEmpty(v)).ToHashSet(StringComparer.Ordinal);
                    var existing = model.ContentItemId is null ? [] : await CurrentFilesAsync(model.ContentItemId, type, field.Name, cancellationToken);
                    model.Files[field.Name] = existing.Where(f => kept.Contains(f.Path)).ToList();
                    break;
                case ContentFieldKind.Boolean:
                    model.Values[field.Name] = form[input].Contains("true") ? "true" : "false";
                    break;
                default:
                    model.Values[field.Name] = form[input].ToString();
                    break;
            }
        }

        await AddLookupsAsync(model, cancellationToken);
        return model;
    }

    /// <summary>The document the model describes; <paramref name="pending"/> stands in for files still to upload, by field.</summary>
    public static JsonObject ToContent(ContentEditorModel model, IReadOnlyDictionary<string, List<MediaValue>> pending)
    {
        var type = model.Type;
        var content = new JsonObject();
        if (type.HasPart(nameof(TitlePart)))
        {
            content[nameof(TitlePart)] = new JsonObject { ["title"] = model.Title.Trim() };
        }

        if (type.HasPart(nameof(AutoroutePart)))
        {
            content[nameof(AutoroutePart)] = new JsonObject { ["slug"] = model.Slug.Length > 0 ? model.Slug : null };
        }

        if (type.HasPart(nameof(MenuPart)))
        {
            content[nameof(MenuPart)] = new JsonObject { ["showInMenu"] = model.ShowInMenu, ["menuText"] = model.MenuText.Trim().Length > 0 ? model.MenuText.Trim() : null, ["order"] = model.MenuOrder };
        }

        var fields = new JsonObject();
        foreach (var field in type.FieldList)
        {
            var input = ContentEditorModel.FieldInput(field.Name);
            var raw = model.Values.GetValueOrDefault(field.Name)?.Trim() ?? "";
            switch (field.Type)
            {
                case ContentFieldKind.Number when raw.Length > 0:
                    if (decimal.TryParse(raw.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                    {
                        fields[field.Name] = number;
                    }
                    else
                    {
                        model.Errors[input] = $"Il campo «{field.DisplayName}» deve essere un numero (es. 12 o 3,5).";
                    }

                    break;
                case ContentFieldKind.Date when raw.Length > 0:
                    if (FieldRules.TryParseDate(raw, out var date))
                    {
                        fields[field.Name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        model.Errors[input] = $"Il campo «{field.DisplayName}» deve essere una data valida (gg/mm/aaaa).";
                    }

                    break;
                case ContentFieldKind.Boolean:
                    fields[field.Name] = raw == "true";
                    break;
                case ContentFieldKind.Link:
                    var url = model.Values.GetValueOrDefault(field.Name + ".url")?.Trim() ?? "";
                    var text = model.Values.GetValueOrDefault(field.Name + ".text")?.Trim() ?? "";
                    if (url.Length > 0 || text.Length > 0)
                    {
                        fields[field.Name] = new JsonObject { ["url"] = url, ["text"] = text.Length > 0 ? text : null };
                    }

                    break;
                case ContentFieldKind.Taxonomy or ContentFieldKind.ContentPicker:
                    fields[field.Name] = new JsonArray(model.Selected.GetValueOrDefault(field.Name, []).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
                    break;
                case ContentFieldKind.Media:
                    var files = model.Files.GetValueOrDefault(field.Name, []).Concat(pending.GetValueOrDefault(field.Name, []));
                    fields[field.Name] = JsonSerializer.SerializeToNode(files.ToList(), ContentJson.Options);
                    break;
                case ContentFieldKind.Text or ContentFieldKind.Markdown when raw.Length > 0:
                    fields[field.Name] = model.Values[field.Name];
                    break;
            }
        }

        content[type.Name] = fields;
        return content;
    }

    private async Task<List<MediaValue>> CurrentFilesAsync(string contentItemId, ContentTypeDefinition type, string field, CancellationToken cancellationToken)
    {
        // Only files the item's versions already reference can be kept: a form cannot attach another zone's or item's file.
        var versions = await db.Versions.AsNoTracking().Where(v => v.ContentItemId == contentItemId).Select(v => v.Content).ToListAsync(cancellationToken);
        return versions
            .SelectMany(v => ContentJson.ParseObject(v)[type.Name]?[field] is JsonArray files ? files.Select(f => f.Deserialize<MediaValue>(ContentJson.Options)) : [])
            .OfType<MediaValue>()
            .DistinctBy(f => f.Path)
            .ToList();
    }

    private async Task AddLookupsAsync(ContentEditorModel model, CancellationToken cancellationToken)
    {
        model.Taxonomies = await definitions.ListTaxonomiesAsync(cancellationToken);
        foreach (var field in model.Type.FieldList.Where(f => f.Type == ContentFieldKind.ContentPicker))
        {
            var types = field.ContentTypes ?? [];
            var options = await db.Items.AsNoTracking()
                .Where(i => !i.Deleted && (types.Count == 0 || types.Contains(i.ContentType)) && i.ContentItemId != model.ContentItemId)
                .OrderBy(i => i.DisplayText)
                .Take(500)
                .Select(i => new { i.ContentItemId, i.DisplayText })
                .ToListAsync(cancellationToken);
            model.PickerOptions[field.Name] = options.Select(o => KeyValuePair.Create(o.ContentItemId, o.DisplayText)).ToList();
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
