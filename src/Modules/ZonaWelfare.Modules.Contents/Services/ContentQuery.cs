using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Modules.Contents.Data;

namespace ZonaWelfare.Modules.Contents.Services;

/// <summary>
/// Published items in bulk (e.g. for a search index rebuild): the index table selects them, then their
/// published versions are read in pages, so memory stays flat however many items a zone has.
/// </summary>
internal sealed class ContentQuery(ContentsDbContext db) : IContentQuery
{
    private const int PageSize = 200;

    public async IAsyncEnumerable<ContentItem> ListPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var page = await Published(contentTypes)
                .Where(i => after == null || i.ContentItemId.CompareTo(after) > 0)
                .OrderBy(i => i.ContentItemId)
                .Select(i => i.PublishedVersionId!)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            var versions = await db.Versions.AsNoTracking()
                .Where(v => page.Contains(v.ContentItemVersionId))
                .OrderBy(v => v.ContentItemId)
                .ToListAsync(cancellationToken);
            foreach (var version in versions)
            {
                yield return ContentManager.ToItem(version);
            }

            after = versions.Count > 0 ? versions[^1].ContentItemId : null;
            if (page.Count < PageSize || after is null)
            {
                yield break;
            }
        }
    }

    public Task<int> CountPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, CancellationToken cancellationToken = default) =>
        Published(contentTypes).CountAsync(cancellationToken);

    public async Task<IReadOnlyList<ContentItemSummary>> FindAsync(IReadOnlyCollection<string> contentTypes, string? text, int take, CancellationToken cancellationToken = default)
    {
        if (contentTypes.Count == 0 || take <= 0)
        {
            return [];
        }

        return await WithTitleWords(db.Items.AsNoTracking().Where(i => !i.Deleted && contentTypes.Contains(i.ContentType)), text)
            .OrderBy(i => i.SearchText).ThenBy(i => i.ContentItemId)
            .Take(take)
            .Select(i => new ContentItemSummary(i.ContentItemId, i.ContentType, i.DisplayText, i.Published))
            .ToListAsync(cancellationToken);
    }

    public async Task<(int Total, IReadOnlyList<ContentItem> Items)> ListPublishedPageAsync(IReadOnlyCollection<string> contentTypes, string? text, int skip, int take, CancellationToken cancellationToken = default)
    {
        if (contentTypes.Count == 0)
        {
            return (0, []);
        }

        var query = WithTitleWords(Published(contentTypes), text);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(i => i.SearchText).ThenBy(i => i.ContentItemId).Skip(skip).Take(take).Select(i => i.PublishedVersionId!).ToListAsync(cancellationToken);
        if (page.Count == 0)
        {
            return (total, []);
        }

        var versions = (await db.Versions.AsNoTracking().Where(v => page.Contains(v.ContentItemVersionId)).ToListAsync(cancellationToken))
            .ToDictionary(v => v.ContentItemVersionId, StringComparer.Ordinal);
        return (total, page.Where(versions.ContainsKey).Select(id => ContentManager.ToItem(versions[id])).ToList());
    }

    /// <summary>Items whose folded title (lower case, no accents) contains every word of <paramref name="text"/>.</summary>
    private static IQueryable<ContentItemIndex> WithTitleWords(IQueryable<ContentItemIndex> query, string? text)
    {
        foreach (var word in TextFolding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
        {
            query = query.Where(i => i.SearchText.Contains(word));
        }

        return query;
    }

    private IQueryable<ContentItemIndex> Published(IReadOnlyCollection<string>? contentTypes)
    {
        var query = db.Items.AsNoTracking().Where(i => i.Published && !i.Deleted && i.PublishedVersionId != null);
        return contentTypes is { Count: > 0 } ? query.Where(i => contentTypes.Contains(i.ContentType)) : query;
    }
}
