using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Contents.Display;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>A field ready to show: plain text, sanitized HTML, links or files.</summary>
internal sealed record DisplayField(ContentFieldDefinition Definition, string? Text = null, string? Html = null, IReadOnlyList<DisplayLink>? Links = null, IReadOnlyList<MediaValue>? Files = null);

/// <summary>A link to show; <see cref="Path"/> is relative to the zone (no leading slash) or an absolute URL.</summary>
internal sealed record DisplayLink(string Text, string? Path, bool External = false);

/// <summary>
/// An item as its page shows it: the displays of its parts in the type's order, then its fields (the
/// <see cref="ContentDisplaySlots.Fields"/> slot) unless a part's display placed them itself.
/// </summary>
internal sealed record ContentDisplayModel(ContentItem Item, ContentTypeDefinition Type, IReadOnlyList<PartDisplay> Parts, string? PreviewNote = null)
{
    public bool FieldsPlacedByPart => Parts.Any(p => p.PlacesSlots.Contains(ContentDisplaySlots.Fields));

    public IEnumerable<BreadcrumbLink> Breadcrumb => Parts.SelectMany(p => p.Breadcrumb);
}

/// <summary>Composes an item's page from the displays of its parts' drivers.</summary>
internal sealed class ContentPageBuilder(ContentPartDrivers drivers)
{
    public async Task<ContentDisplayModel> BuildAsync(ContentItem item, ContentTypeDefinition type, string? previewNote, CancellationToken cancellationToken)
    {
        var context = new PartDisplayContext(IsPreview: previewNote is not null);
        var parts = new List<PartDisplay>();
        foreach (var driver in drivers.For(type))
        {
            if (await driver.DisplayAsync(item, context, cancellationToken) is { } display)
            {
                parts.Add(display);
            }
        }

        return new ContentDisplayModel(item, type, parts, previewNote);
    }
}

/// <summary>Turns an item's fields into what its page shows; markdown is rendered and sanitized here.</summary>
internal sealed class ContentDisplayBuilder(ContentDefinitionStore definitions, MarkdownRenderer markdown, ContentsDbContext db)
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public async Task<IReadOnlyList<DisplayField>> BuildFieldsAsync(ContentItem item, CancellationToken cancellationToken)
    {
        if (await definitions.GetTypeAsync(item.ContentType, cancellationToken) is not { } type)
        {
            return [];
        }

        var fields = new List<DisplayField>();
        var values = item.Content[type.Name] as JsonObject;
        foreach (var field in type.FieldList)
        {
            var value = values?[field.Name];
            if (FieldRules.IsEmpty(value) || FieldRules.ShapeError(field, value) is not null)
            {
                continue;
            }

            fields.Add(field.Type switch
            {
                ContentFieldKind.Markdown => new DisplayField(field, Html: markdown.ToSafeHtml(value!.GetValue<string>())),
                ContentFieldKind.Number => new DisplayField(field, Text: FieldRules.Format(value!.GetValue<decimal>())),
                ContentFieldKind.Date => new DisplayField(field, Text: FieldRules.TryParseDate(value!.GetValue<string>(), out var date) ? date.ToString("d MMMM yyyy", Italian) : value!.GetValue<string>()),
                ContentFieldKind.Boolean => new DisplayField(field, Text: value!.GetValue<bool>() ? "Sì" : "No"),
                ContentFieldKind.Link => LinkOf(field, value!),
                ContentFieldKind.Taxonomy => await TermsOfAsync(field, value!.AsArray(), cancellationToken),
                ContentFieldKind.ContentPicker => await PickedAsync(field, value!.AsArray(), cancellationToken),
                ContentFieldKind.Media => new DisplayField(field, Files: value!.AsArray().Select(f => f!.Deserialize<MediaValue>(ContentJson.Options)).OfType<MediaValue>().ToList()),
                _ => new DisplayField(field, Text: value!.GetValue<string>()),
            });
        }

        return fields;
    }

    private static DisplayField LinkOf(ContentFieldDefinition field, JsonNode value)
    {
        var url = value["url"]!.GetValue<string>().Trim();
        var text = value["text"]?.GetValue<string>() is { Length: > 0 } t ? t : url;
        if (!FieldRules.IsSafeUrl(url))
        {
            return new DisplayField(field, Text: text);
        }

        return url.StartsWith('/')
            ? new DisplayField(field, Links: [new DisplayLink(text, url.TrimStart('/'))])
            : new DisplayField(field, Links: [new DisplayLink(text, url, External: true)]);
    }

    private async Task<DisplayField> TermsOfAsync(ContentFieldDefinition field, JsonArray ids, CancellationToken cancellationToken)
    {
        var taxonomy = field.Taxonomy is null ? null : await definitions.GetTaxonomyAsync(field.Taxonomy, cancellationToken);
        var names = ids.Select(i => i!.GetValue<string>()).Select(id => taxonomy?.Terms.FirstOrDefault(t => t.Id == id)?.Name ?? id);
        return new DisplayField(field, Text: string.Join(", ", names));
    }

    private async Task<DisplayField> PickedAsync(ContentFieldDefinition field, JsonArray ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Select(i => i!.GetValue<string>()).ToList();
        var items = await db.Items.AsNoTracking().Where(i => wanted.Contains(i.ContentItemId) && !i.Deleted && i.Published).ToListAsync(cancellationToken);
        var routes = await db.Routes.AsNoTracking().Where(r => wanted.Contains(r.ContentItemId)).ToListAsync(cancellationToken);
        var links = wanted.Select(id => items.FirstOrDefault(i => i.ContentItemId == id)).OfType<ContentItemIndex>()
            .Select(i => new DisplayLink(i.DisplayText, routes.FirstOrDefault(r => r.ContentItemId == i.ContentItemId)?.Path))
            .ToList();
        return new DisplayField(field, Links: links);
    }
}
