using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZonaWelfare.Abstractions.Contents;
using ZonaWelfare.Abstractions.Data;

namespace ZonaWelfare.Modules.Search.Tests.Fakes;

/// <summary>
/// A minimal content manager (one version per item) that behaves like the real one where search cares:
/// every change runs its content handlers inside the zone transaction, then commits.
/// </summary>
public sealed class TestContentManager(TestContentDbContext db, IZoneDatabase database, IServiceProvider services) : IContentManager, IContentQuery
{
    public Task<ContentItem> NewAsync(string contentType, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ContentItem { ContentItemId = Guid.NewGuid().ToString("N"), ContentItemVersionId = Guid.NewGuid().ToString("N"), ContentType = contentType });

    public async Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default)
    {
        var row = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && !i.Removed, cancellationToken);
        return row is null || (options == VersionOptions.Published && !row.Published) ? null : ToItem(row);
    }

    public async Task<IReadOnlyList<ContentItem>> GetManyAsync(IEnumerable<string> contentItemIds, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default)
    {
        var items = new List<ContentItem>();
        foreach (var id in contentItemIds.Distinct(StringComparer.Ordinal))
        {
            if (await GetAsync(id, options, cancellationToken) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public async Task<IReadOnlyList<ContentItemSummary>> FindAsync(IReadOnlyCollection<string> contentTypes, string? text, int take, CancellationToken cancellationToken = default) =>
        (await db.Items.AsNoTracking().Where(i => !i.Removed && contentTypes.Contains(i.ContentType)).OrderBy(i => i.DisplayText).Take(take).ToListAsync(cancellationToken))
            .Where(i => text is null || i.DisplayText.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Select(i => new ContentItemSummary(i.ContentItemId, i.ContentType, i.DisplayText, i.Published))
            .ToList();

    public async Task<(int Total, IReadOnlyList<ContentItem> Items)> ListPublishedPageAsync(IReadOnlyCollection<string> contentTypes, string? text, int skip, int take, CancellationToken cancellationToken = default)
    {
        var rows = (await db.Items.AsNoTracking().Where(i => !i.Removed && i.Published && contentTypes.Contains(i.ContentType)).OrderBy(i => i.DisplayText).ToListAsync(cancellationToken))
            .Where(i => text is null || i.DisplayText.Contains(text, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return (rows.Count, rows.Skip(skip).Take(take).Select(ToItem).ToList());
    }

    public Task<ContentItem> CreateAsync(ContentItem item, bool publish, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async () =>
        {
            var now = DateTime.UtcNow;
            var row = new TestContentRow
            {
                ContentItemId = item.ContentItemId,
                ContentType = item.ContentType,
                DisplayText = item.DisplayText,
                Json = item.Content.ToJsonString(),
                Published = publish,
                Number = 1,
                CreatedUtc = now,
                ModifiedUtc = item.ModifiedUtc == default ? now : item.ModifiedUtc,
            };
            db.Items.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            var saved = ToItem(row);
            await RunHandlersAsync((h, c) => h.CreatedAsync(c, cancellationToken), saved);
            if (publish)
            {
                await RunHandlersAsync((h, c) => h.PublishedAsync(c, cancellationToken), saved);
            }

            return saved;
        });

    public Task<ContentItem> UpdateAsync(ContentItem item, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async () =>
        {
            var row = await db.Items.FirstAsync(i => i.ContentItemId == item.ContentItemId, cancellationToken);
            row.DisplayText = item.DisplayText;
            row.Json = item.Content.ToJsonString();
            row.Number++;
            row.ModifiedUtc = item.ModifiedUtc == default ? DateTime.UtcNow : item.ModifiedUtc;
            await db.SaveChangesAsync(cancellationToken);
            var saved = ToItem(row);
            await RunHandlersAsync((h, c) => h.UpdatedAsync(c, cancellationToken), saved);
            return saved;
        });

    public Task<ContentItem> PublishAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contentItemId, row => row.Published = true, (h, c) => h.PublishedAsync(c, cancellationToken), cancellationToken);

    public Task UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contentItemId, row => row.Published = false, (h, c) => h.UnpublishedAsync(c, cancellationToken), cancellationToken);

    public Task RemoveAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        ChangeAsync(contentItemId, row => (row.Removed, row.Published) = (true, false), (h, c) => h.RemovedAsync(c, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The test content manager keeps one version per item.");

    public Task<ContentItem> RestoreAsync(string contentItemVersionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The test content manager keeps one version per item.");

    public async IAsyncEnumerable<ContentItem> ListPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await Published(contentTypes).OrderBy(i => i.ContentItemId).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            yield return ToItem(row);
        }
    }

    public Task<int> CountPublishedAsync(IReadOnlyCollection<string>? contentTypes = null, CancellationToken cancellationToken = default) =>
        Published(contentTypes).CountAsync(cancellationToken);

    private IQueryable<TestContentRow> Published(IReadOnlyCollection<string>? contentTypes)
    {
        var query = db.Items.AsNoTracking().Where(i => i.Published && !i.Removed);
        return contentTypes is { Count: > 0 } ? query.Where(i => contentTypes.Contains(i.ContentType)) : query;
    }

    private Task<ContentItem> ChangeAsync(string contentItemId, Action<TestContentRow> change, Func<IContentHandler, ContentEventContext, Task> handler, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            var row = await db.Items.FirstAsync(i => i.ContentItemId == contentItemId, cancellationToken);
            change(row);
            row.ModifiedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            var saved = ToItem(row);
            await RunHandlersAsync(handler, saved);
            return saved;
        });

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work)
    {
        if (database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await database.BeginTransactionAsync();
        var result = await work();
        await transaction.CommitAsync();
        return result;
    }

    private async Task RunHandlersAsync(Func<IContentHandler, ContentEventContext, Task> handler, ContentItem item)
    {
        // As the real manager: handlers of modules the zone has not enabled are not called.
        var zone = services.GetRequiredService<ZonaWelfare.Abstractions.Zones.IZoneContext>().Current;
        foreach (var contentHandler in services.GetServices<IContentHandler>().Where(h => zone.IsModuleEnabled(h.ModuleId)))
        {
            await handler(contentHandler, new ContentEventContext(item, services, "test") { Contents = this });
        }
    }

    private static ContentItem ToItem(TestContentRow row) => new()
    {
        ContentItemId = row.ContentItemId,
        ContentItemVersionId = row.ContentItemId + "-" + row.Number,
        ContentType = row.ContentType,
        DisplayText = row.DisplayText,
        Number = row.Number,
        Latest = true,
        Published = row.Published,
        CreatedUtc = DateTime.SpecifyKind(row.CreatedUtc, DateTimeKind.Utc),
        ModifiedUtc = DateTime.SpecifyKind(row.ModifiedUtc, DateTimeKind.Utc),
        Content = JsonNode.Parse(row.Json)!.AsObject(),
    };
}
