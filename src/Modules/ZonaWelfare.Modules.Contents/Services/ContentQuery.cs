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

    private IQueryable<ContentItemIndex> Published(IReadOnlyCollection<string>? contentTypes)
    {
        var query = db.Items.AsNoTracking().Where(i => i.Published && !i.Deleted && i.PublishedVersionId != null);
        return contentTypes is { Count: > 0 } ? query.Where(i => contentTypes.Contains(i.ContentType)) : query;
    }
}
