using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Modules.Contents.Data;
using ZonaWelfare.Modules.Contents.Models;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Writes an item's index rows (item, route, menu, terms) from its latest and published versions. Runs
/// inside the operation's transaction, after the versions were saved, so index and versions commit together.
/// </summary>
internal sealed class ContentIndexer(ContentsDbContext db)
{
    public async Task UpdateAsync(string contentItemId, ContentTypeDefinition? type, CancellationToken cancellationToken)
    {
        var versions = await db.Versions.Where(v => v.ContentItemId == contentItemId && (v.Latest || v.Published)).ToListAsync(cancellationToken);
        var latest = versions.Single(v => v.Latest);
        var published = versions.SingleOrDefault(v => v.Published);
        var latestContent = ContentJson.ParseObject(latest.Content);
        var publishedContent = published is null ? null : ContentJson.ParseObject(published.Content);

        var index = await db.Items.FindAsync([contentItemId], cancellationToken);
        if (index is null)
        {
            index = new ContentItemIndex
            {
                ContentItemId = contentItemId,
                ContentType = latest.ContentType,
                DisplayText = latest.DisplayText,
                SearchText = "",
                LatestVersionId = latest.ContentItemVersionId,
                Owner = latest.Owner,
                CreatedUtc = latest.CreatedUtc,
            };
            db.Items.Add(index);
        }

        index.DisplayText = latest.DisplayText;
        index.SearchText = TextFolding.Fold(latest.DisplayText);
        index.Path = type is null ? null : ContentShape.PathOf(type, latestContent);
        index.LatestVersionId = latest.ContentItemVersionId;
        index.LatestNumber = latest.Number;
        index.PublishedVersionId = published?.ContentItemVersionId;
        index.Published = published is not null;
        index.HasDraft = !latest.Published;
        index.Author = latest.Author;
        index.ModifiedUtc = latest.ModifiedUtc;
        index.PublishedUtc = published?.PublishedUtc;

        var live = published is not null && !index.Deleted && type is not null;
        await UpdateRouteAsync(contentItemId, latest.ContentType, live ? ContentShape.PathOf(type!, publishedContent!) : null, cancellationToken);
        await UpdateMenuAsync(contentItemId, live ? MenuEntryOf(contentItemId, type!, publishedContent!, published!.DisplayText) : null, cancellationToken);
        await UpdateTermsAsync(contentItemId, live ? TermsOf(contentItemId, type!, publishedContent!) : [], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Rewrites the index rows of every item of a type, after its definition (route pattern, fields) changed.</summary>
    public async Task ReindexTypeAsync(ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        var ids = await db.Items.AsNoTracking().Where(i => i.ContentType == type.Name).Select(i => i.ContentItemId).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await UpdateAsync(id, type, cancellationToken);
        }
    }

    private async Task UpdateRouteAsync(string contentItemId, string contentType, string? path, CancellationToken cancellationToken)
    {
        var existing = await db.Routes.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId, cancellationToken);
        if (existing?.Path == path)
        {
            return;
        }

        if (existing is not null)
        {
            db.Routes.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (path is not null)
        {
            db.Routes.Add(new ContentRouteIndex { Path = path, ContentItemId = contentItemId, ContentType = contentType });
        }
    }

    private async Task UpdateMenuAsync(string contentItemId, ContentMenuIndex? entry, CancellationToken cancellationToken)
    {
        var existing = await db.Menu.FindAsync([contentItemId], cancellationToken);
        if (entry is null)
        {
            if (existing is not null)
            {
                db.Menu.Remove(existing);
            }
        }
        else if (existing is null)
        {
            db.Menu.Add(entry);
        }
        else
        {
            existing.Text = entry.Text;
            existing.Path = entry.Path;
            existing.Order = entry.Order;
        }
    }

    private async Task UpdateTermsAsync(string contentItemId, List<ContentTermIndex> terms, CancellationToken cancellationToken)
    {
        var existing = await db.Terms.Where(t => t.ContentItemId == contentItemId).ToListAsync(cancellationToken);
        db.Terms.RemoveRange(existing.Where(e => !terms.Any(t => t.Field == e.Field && t.TermId == e.TermId)));
        db.Terms.AddRange(terms.Where(t => !existing.Any(e => e.Field == t.Field && e.TermId == t.TermId)));
    }

    private static ContentMenuIndex? MenuEntryOf(string contentItemId, ContentTypeDefinition type, JsonObject content, string displayText)
    {
        if (!type.HasPart(nameof(MenuPart)) || content[nameof(MenuPart)] is not JsonObject menu || menu["showInMenu"]?.GetValue<bool>() != true
            || ContentShape.PathOf(type, content) is not { } path)
        {
            return null;
        }

        var text = menu["menuText"]?.GetValue<string>() is { Length: > 0 } custom ? custom : displayText;
        return new ContentMenuIndex { ContentItemId = contentItemId, Text = text, Path = path, Order = menu["order"]?.GetValue<int>() ?? 100 };
    }

    private static List<ContentTermIndex> TermsOf(string contentItemId, ContentTypeDefinition type, JsonObject content) =>
        type.FieldList
            .Where(f => f.Type == ContentFieldKind.Taxonomy && f.Taxonomy is not null)
            .SelectMany(f => (content[type.Name]?[f.Name] as JsonArray ?? []).Select(t => t!.GetValue<string>()).Distinct(StringComparer.Ordinal)
                .Select(term => new ContentTermIndex { ContentItemId = contentItemId, Field = f.Name, Taxonomy = f.Taxonomy!, TermId = term }))
            .ToList();
}
