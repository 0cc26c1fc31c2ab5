using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>What the editor form shows: the editors of the type's parts, then its fields, with their values and errors.</summary>
internal sealed class ContentEditorModel
{
    public required ContentTypeDefinition Type { get; init; }

    public string? ContentItemId { get; set; }

    public string? LatestVersionId { get; set; }

    public bool IsNew => ContentItemId is null;

    public string DisplayText { get; set; } = "";

    /// <summary>The editors of the type's parts that have a driver, in the type's order.</summary>
    public List<PartEditor> Parts { get; } = [];

    /// <summary>Display names of the type's parts no editor shows here (their data is kept as stored).</summary>
    public List<string> UneditedParts { get; } = [];

    /// <summary>What the part drivers say of the item (e.g. how complete a service is).</summary>
    public List<PartSummary> Summaries { get; } = [];

    /// <summary>Raw input of single-valued fields (link fields use <c>{Name}.url</c> and <c>{Name}.text</c>).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Chosen ids of taxonomy and content picker fields.</summary>
    public Dictionary<string, List<string>> Selected { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<MediaValue>> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Field input id → Italian message; the parts' problems are in the model state, by input name.</summary>
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

    /// <summary>
    /// Where a problem of the document is shown: a field's input (<c>fields.Corpo</c> → <c>field-Corpo</c>), or, for a
    /// part, the model-state key of its editor input (<c>parts.ServicePart.contacts.email</c> → <c>ServicePart.Contacts.Email</c>).
    /// </summary>
    public static (bool IsField, string Key) InputOf(string problemKey)
    {
        if (problemKey.StartsWith("fields.", StringComparison.Ordinal))
        {
            return (true, FieldInput(problemKey["fields.".Length..]));
        }

        if (problemKey.StartsWith("parts.", StringComparison.Ordinal))
        {
            var segments = problemKey["parts.".Length..].Split('.');
            return (false, string.Join('.', segments.Select((s, i) => i == 0 || s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..])));
        }

        return (false, "");
    }
}

/// <summary>
/// Composes the editor of an item: each part's driver edits its own part, the Contents module edits the type's fields.
/// An update starts from the stored document, so a part without a driver (or whose module is off) is kept as it is.
/// </summary>
internal sealed class ContentEditor(ContentDefinitionStore definitions, ContentsDbContext db, ContentPartDrivers drivers, ContentShape shape)
{
    public async Task<ContentEditorModel> BuildAsync(ContentTypeDefinition type, ContentItem item, bool isNew, CancellationToken cancellationToken)
    {
        var model = new ContentEditorModel { Type = type, ContentItemId = isNew ? null : item.ContentItemId, LatestVersionId = isNew ? null : item.ContentItemVersionId, DisplayText = item.DisplayText };
        var context = Context(type, item, isNew);
        foreach (var driver in drivers.For(type))
        {
            model.Parts.Add(await driver.EditAsync(item, context, cancellationToken));
        }

        Summarize(model, type, item);
        AddUnedited(model, type);
        ReadFields(model, item);
        await AddLookupsAsync(model, cancellationToken);
        return model;
    }

    /// <summary>
    /// Writes the posted form into <paramref name="item"/> (a copy of the stored document): each driver updates its part
    /// and reports conversion problems to <paramref name="updater"/>; the fields are read into the returned model, and written
    /// by <see cref="WriteFields"/> once uploads are known.
    /// </summary>
    public async Task<ContentEditorModel> UpdateAsync(ContentTypeDefinition type, ContentItem item, bool isNew, IFormCollection form, IPartUpdater updater, CancellationToken cancellationToken)
    {
        var model = new ContentEditorModel
        {
            Type = type,
            ContentItemId = isNew ? null : item.ContentItemId,
            LatestVersionId = NullIfEmpty(form["latestVersionId"]),
        };
        var context = Context(type, item, isNew);
        foreach (var driver in drivers.For(type))
        {
            model.Parts.Add(await driver.UpdateAsync(item, updater, context, cancellationToken));
        }

        model.DisplayText = ContentShape.DisplayTextOf(type, item.Content);
        AddUnedited(model, type);
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
                    var existing = isNew ? [] : await CurrentFilesAsync(item.ContentItemId, type, field.Name, cancellationToken);
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

    /// <summary>Adds the drivers' notes on the item (completeness) to the model.</summary>
    public void Summarize(ContentEditorModel model, ContentTypeDefinition type, ContentItem item)
    {
        model.Summaries.Clear();
        model.Summaries.AddRange(drivers.For(type).Select(d => d.Summarize(item)).OfType<PartSummary>());
    }

    private void AddUnedited(ContentEditorModel model, ContentTypeDefinition type) =>
        model.UneditedParts.AddRange(drivers.Unedited(type).Select(p => shape.Parts.TryGetValue(p, out var d) ? d.DisplayName : p));

    private static PartEditorContext Context(ContentTypeDefinition type, ContentItem item, bool isNew) =>
        new(item.ContentItemId, type.Name, type.DisplayName, isNew);

    private static void ReadFields(ContentEditorModel model, ContentItem item)
    {
        var type = model.Type;
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
    }

    /// <summary>Writes the model's fields into <paramref name="content"/>; <paramref name="files"/> are uploads by field (stored, or placeholders while checking).</summary>
    public static void WriteFields(ContentEditorModel model, JsonObject content, IReadOnlyDictionary<string, List<MediaValue>> files)
    {
        var type = model.Type;
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
                    var all = model.Files.GetValueOrDefault(field.Name, []).Concat(files.GetValueOrDefault(field.Name, []));
                    fields[field.Name] = JsonSerializer.SerializeToNode(all.ToList(), ContentJson.Options);
                    break;
                case ContentFieldKind.Text or ContentFieldKind.Markdown when raw.Length > 0:
                    fields[field.Name] = model.Values[field.Name];
                    break;
            }
        }

        content[type.Name] = fields;
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
